// Further command groups (user admin, export, backup…) register here.
import type { Command } from 'commander';

export const cliCommands: Array<(program: Command) => void> = [];
