export type { JudgeRunner } from '../spec/constraint.js';
