/**
 * Input that cannot be read: a missing or unsafe spec file, a failed download, an invalid overlay or
 * compat.json, an output folder that is not a generated tree. Thrown by the stages with a message that
 * names the input; the CLI prints it as a usage or input error (exit 2).
 */
export class InputError extends Error {}
