import { runStoreContract } from '../contract/run-store-contract.test-util.js';
import { createMemoryStore } from './create-memory-store.js';

runStoreContract({ name: 'memory', create: async () => createMemoryStore() });
