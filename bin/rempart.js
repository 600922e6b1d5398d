#!/usr/bin/env node
// Entry point of the `rempart` command. The code base runs as TypeScript through tsx's loader,
// so a checkout needs no separate compile step (see docs/adr/0001-runtime-typescript.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
