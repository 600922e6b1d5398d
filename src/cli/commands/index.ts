// Further command groups (user admin, export, backup…) register here.
import type { Command } from 'commander';
import { registerImportPersons, registerUser } from './user.js';

export const cliCommands: Array<(program: Command) => void> = [registerUser, registerImportPersons];
