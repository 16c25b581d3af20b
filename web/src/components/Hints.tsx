import { useEffect, useRef, useState } from 'react';
import type { HintView } from '../../../server/protocol/rest.ts';
import { Markdown } from './Markdown.tsx';
import { useAction } from '../use-action.ts';

interface Props {
  objective: string;
  hints: HintView[];
  /** Texts revealed during this visit, by `${objective}/${index}`. */
  revealed: Record<string, string>;
  /** Undefined while no session can take the charge. */
  onReveal?: (objective: string, index: number) => Promise<void>;
}

/** An objective's hints: the cost first, a confirmation, then the text. */
export function Hints({ objective, hints, revealed, onReveal }: Props) {
  const [asking, setAsking] = useState<number>();
  const { busy, error, run } = useAction();
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), [asking]);
  if (hints.length === 0) return null;

  const reveal = async (index: number): Promise<void> => {
    if (!onReveal) return;
    await run(async () => {
      await onReveal(objective, index);
      setAsking(undefined);
    });
  };

  return (
    <ul className="hints" aria-label="Hints">
      {hints.map((h) => {
        const text = h.text ?? revealed[`${objective}/${h.index}`];
        const tid = `${objective}-${h.index}`;
        return (
          <li key={h.index} className="hint">
            {text !== undefined ? (
              <div className="hint-text" data-testid={`hint-text-${tid}`}>
                <span className="hint-label">Hint {h.index + 1}</span>
                <Markdown source={text} />
              </div>
            ) : asking === h.index ? (
              <div className="hint-confirm" role="group" aria-label={`Reveal hint ${h.index + 1}`}>
                <span>
                  This costs {h.cost} point{h.cost === 1 ? '' : 's'}. Reveal?
                </span>
                <button ref={confirmRef} type="button" className="btn btn-small btn-warn" data-testid="hint-confirm"
                  disabled={busy} onClick={() => void reveal(h.index)}>
                  {busy ? 'Revealing…' : 'Reveal'}
                </button>
                <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => setAsking(undefined)}>
                  Cancel
                </button>
              </div>
            ) : (
              <button type="button" className="btn btn-small btn-ghost" data-testid={`hint-reveal-${tid}`}
                disabled={!onReveal} onClick={() => setAsking(h.index)}>
                Hint {h.index + 1} · costs {h.cost} pt{h.cost === 1 ? '' : 's'}
              </button>
            )}
          </li>
        );
      })}
      {error && <li className="form-error" role="alert">{error}</li>}
    </ul>
  );
}
