import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchAddon } from '@xterm/addon-search';

const DECORATIONS = {
  matchBackground: '#5a4a00',
  activeMatchBackground: '#d4a72c',
  matchOverviewRuler: '#d4a72c',
  activeMatchColorOverviewRuler: '#ffcc33',
};

/** The terminal's find box (Ctrl+Shift+F): Enter finds the next match, Shift+Enter the previous. */
export function SearchBox({ search, onClose }: { search: SearchAddon; onClose: () => void }) {
  const [term, setTerm] = useState('');
  const [found, setFound] = useState(true);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const find = (backwards: boolean): void => {
    if (!term) return;
    const opts = { decorations: DECORATIONS };
    setFound(backwards ? search.findPrevious(term, opts) : search.findNext(term, opts));
  };
  const close = (): void => {
    search.clearDecorations();
    onClose();
  };
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      find(e.shiftKey);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };

  return (
    <div className="term-search" role="search">
      <label className="sr-only" htmlFor="term-search-input">
        Find in terminal
      </label>
      <input id="term-search-input" ref={input} value={term} placeholder="Find…" aria-invalid={!found || undefined}
        onChange={(e) => setTerm(e.target.value)} onKeyDown={onKey} />
      <button type="button" className="btn btn-small btn-dark" onClick={() => find(true)} aria-label="Previous match">
        ↑
      </button>
      <button type="button" className="btn btn-small btn-dark" onClick={() => find(false)} aria-label="Next match">
        ↓
      </button>
      <button type="button" className="btn btn-small btn-dark" onClick={close} aria-label="Close find">
        ✕
      </button>
      {!found && <span className="term-search-none">No match</span>}
    </div>
  );
}
