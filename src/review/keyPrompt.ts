import {
  createPrompt,
  isEnterKey,
  makeTheme,
  useKeypress,
  usePrefix,
  useState,
  type KeypressEvent,
} from '@inquirer/core';

export interface KeyPromptChoice<Value> {
  key: string;
  name: string;
  value: Value;
}

export interface KeyPromptConfig<Value> {
  message: string;
  choices: ReadonlyArray<KeyPromptChoice<Value>>;
}

/** readline's keypress carries the typed character in `sequence`; @inquirer's type leaves it out. */
type TypedKey = KeypressEvent & { sequence?: string };

/**
 * The character a keypress typed, or null for keys that type none (arrows, Enter, Ctrl-x).
 * '?' has no `name` in readline's keypress events, only a sequence, hence both are read.
 */
export function typedCharacter(event: TypedKey): string | null {
  if (event.ctrl) return null;
  const sequence = event.sequence ?? event.name;
  if (typeof sequence !== 'string' || [...sequence].length !== 1 || sequence < ' ') return null;
  return sequence.toLowerCase();
}

/**
 * One keypress decides, no Enter: the key is matched against the offered choices and anything
 * else is refused with a message naming it, never mapped to something near it. A stray Enter
 * (from habit) is ignored rather than taken as a default, since no answer here is safe to assume.
 * Built on @inquirer/core, so Ctrl-C, raw mode and screen redraws behave like the other prompts.
 */
export const keyPrompt = createPrompt(<Value>(config: KeyPromptConfig<Value>, done: (value: Value) => void) => {
  const theme = makeTheme();
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [chosen, setChosen] = useState<string>('');
  const [error, setError] = useState<string | undefined>(undefined);
  const prefix = usePrefix({ status, theme });

  useKeypress((event, rl) => {
    // The line readline keeps would otherwise collect every key; nothing here is typed text.
    rl.clearLine(0);
    if (isEnterKey(event)) return;
    const key = typedCharacter(event as TypedKey);
    if (key === null) return;
    const choice = config.choices.find((candidate) => candidate.key === key);
    if (!choice) {
      setError(`"${key}" isn't an available option`);
      return;
    }
    setChosen(choice.name);
    setStatus('done');
    done(choice.value);
  });

  const message = theme.style.message(config.message, status);
  if (status === 'done') return `${prefix} ${message} ${theme.style.answer(chosen)}`;
  return [`${prefix} ${message}`, error ? theme.style.error(error) : undefined];
});
