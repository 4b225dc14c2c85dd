import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The project's public/ folder, from src/web or from its compiled copy in dist/src/web. */
export const PUBLIC_DIR = resolve(__dirname, __filename.endsWith('.js') ? '../../..' : '../..', 'public');

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/**
 * Third-party browser files served from node_modules under /vendor/: the page works offline and
 * under a same-origin script policy. A fixed map, so no request path ever reaches the file system.
 */
export function vendorFiles(): Record<string, { path: string; type: string }> {
  const vis = packageDir('vis-timeline');
  const files: Record<string, { path: string; type: string }> = {
    'vis-timeline.js': { path: join(vis, 'standalone/umd/vis-timeline-graph2d.min.js'), type: 'text/javascript; charset=utf-8' },
    'vis-timeline.css': { path: join(vis, 'styles/vis-timeline-graph2d.min.css'), type: 'text/css; charset=utf-8' },
  };
  for (const [name, f] of Object.entries(files)) {
    if (!existsSync(f.path)) throw new Error(`vendor file ${name} is missing: ${f.path} (npm install)`);
  }
  return files;
}

/** The page's own files; anything else under /assets/ is a 404. */
export const PUBLIC_FILES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};
