#!/usr/bin/env node
// Launcher for `npx hydrant`: runs the TypeScript entry through tsx (a devDependency).
import { register } from 'tsx/esm/api';

register();
await import('./hydrant.ts');
