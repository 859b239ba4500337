const frameLine = /^\s+at \S/;

/**
 * The stack frames of an error without its header line (`Name: message`): a message is untrusted
 * text (a foreign error may quote input, personal data included), so only the frames are kept,
 * cut after the message itself, since a message may hold lines shaped like frames. When the
 * message cannot be found in the stack (changed after the error was made), no frame is trusted.
 */
export const stackFrames = (error: unknown): string | undefined => {
  if (!(error instanceof Error) || typeof error.stack !== 'string') {
    return undefined;
  }
  const { stack, message } = error;
  const at = message === '' ? 0 : stack.indexOf(message);
  if (at < 0) {
    return undefined;
  }
  const frames = stack
    .slice(at + message.length)
    .split('\n')
    .filter((line) => frameLine.test(line));
  return frames.length === 0 ? undefined : frames.join('\n');
};
