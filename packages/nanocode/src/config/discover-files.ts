import { readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

const CONFIG_FILE = /\.(ya?ml|json)$/i;
const ROOT_MARKERS = ['package.json', '.git'];

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The directories searched for `profiles/` and `templates/`, nearest first: the workflow file's
 * directory, each ancestor up to and including the first one holding `package.json` or `.git`, then
 * `searchDirs` in the order given.
 */
export async function searchDirectories(options: {
  from: string;
  searchDirs: readonly string[];
}): Promise<string[]> {
  const dirs: string[] = [];
  let dir = resolve(options.from);
  for (;;) {
    dirs.push(dir);
    const markers = await Promise.all(ROOT_MARKERS.map((marker) => exists(join(dir, marker))));
    const parent = dirname(dir);
    if (markers.some(Boolean) || parent === dir) break;
    dir = parent;
  }
  for (const extra of options.searchDirs) {
    const absolute = resolve(extra);
    if (!dirs.includes(absolute)) dirs.push(absolute);
  }
  return dirs;
}

/** The YAML/JSON files of `<dir>/<sub>/`, per directory in search order, each sorted by name. */
export async function listConfigFiles(options: {
  dirs: readonly string[];
  sub: 'profiles' | 'templates';
}): Promise<string[][]> {
  return Promise.all(
    options.dirs.map(async (dir) => {
      const folder = join(dir, options.sub);
      try {
        const names = await readdir(folder);
        return names
          .filter((name) => CONFIG_FILE.test(name))
          .sort()
          .map((name) => join(folder, name));
      } catch {
        return [];
      }
    }),
  );
}
