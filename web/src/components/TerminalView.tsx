import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef, useState } from 'react';
import { getSocket } from '../socket.ts';
import { AckBatcher } from '../terminal-ack.ts';
import { SearchBox } from './SearchBox.tsx';

const THEME = {
  background: '#0d1117',
  foreground: '#e6edf3',
  cursor: '#58a6ff',
  selectionBackground: '#264f78',
  black: '#484f58', red: '#ff7b72', green: '#3fb950', yellow: '#d29922',
  blue: '#58a6ff', magenta: '#bc8cff', cyan: '#39c5cf', white: '#b1bac4',
  brightBlack: '#6e7681', brightRed: '#ffa198', brightGreen: '#56d364', brightYellow: '#e3b341',
  brightBlue: '#79c0ff', brightMagenta: '#d2a8ff', brightCyan: '#56d4dd', brightWhite: '#f0f6fc',
};

/**
 * The learner's shell: xterm.js on the session's pty over socket.io. Attaches (and
 * re-attaches after a reconnect: the server replays recent output), forwards keys and
 * size, and acknowledges rendered output so the server can hold back a flood.
 */
export function TerminalView({ sessionId }: { sessionId: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [search, setSearch] = useState<SearchAddon>();
  const [searchOpen, setSearchOpen] = useState(false);
  const [connected, setConnected] = useState(true);
  const termRef = useRef<Terminal>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal({
      cursorBlink: true,
      fontSize: 14,
      fontFamily: 'ui-monospace, SFMono-Regular, "JetBrains Mono", Menlo, Consolas, "Liberation Mono", monospace',
      scrollback: 5000,
      theme: THEME,
      allowProposedApi: true, // search decorations
    });
    const fit = new FitAddon();
    const finder = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(new WebLinksAddon());
    term.loadAddon(finder);
    term.open(el);
    termRef.current = term;
    setSearch(finder);
    const refit = (): void => {
      if (el.clientWidth > 0 && el.clientHeight > 0) fit.fit();
    };
    refit();

    const socket = getSocket();
    const acks = new AckBatcher((chars) => socket.emit('terminal:ack', { sessionId, chars }));
    const attach = (): void => {
      refit();
      setConnected(true);
      socket.emit('terminal:attach', { sessionId, cols: term.cols, rows: term.rows });
    };
    const onReplay = (p: { sessionId: string; data: string }): void => {
      if (p.sessionId !== sessionId) return;
      acks.reset(); // the server starts counting afresh at attach
      term.write(`\x1bc${p.data}`); // full reset, queued behind anything still being written
    };
    const onData = (p: { sessionId: string; data: string }): void => {
      if (p.sessionId !== sessionId) return;
      term.write(p.data, acks.whenRendered(p.data.length));
    };
    const onDisconnect = (): void => setConnected(false);
    socket.on('connect', attach);
    socket.on('disconnect', onDisconnect);
    socket.on('terminal:replay', onReplay);
    socket.on('terminal:data', onData);
    if (socket.connected) attach();

    const input = term.onData((data) => socket.emit('terminal:input', { sessionId, data }));
    const binary = term.onBinary((data) => socket.emit('terminal:input', { sessionId, data }));
    const resize = term.onResize(({ cols, rows }) => socket.emit('terminal:resize', { sessionId, cols, rows }));
    term.attachCustomKeyEventHandler((e) => {
      if (e.type === 'keydown' && e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        setSearchOpen(true);
        return false;
      }
      return true;
    });
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(refit);
    });
    observer.observe(el);
    term.focus();

    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      socket.off('connect', attach);
      socket.off('disconnect', onDisconnect);
      socket.off('terminal:replay', onReplay);
      socket.off('terminal:data', onData);
      input.dispose();
      binary.dispose();
      resize.dispose();
      acks.dispose();
      termRef.current = null;
      term.dispose();
    };
  }, [sessionId]);

  const closeSearch = (): void => {
    setSearchOpen(false);
    termRef.current?.focus();
  };

  return (
    <div className="terminal-wrap">
      {!connected && (
        <div className="term-banner" role="status">
          Connection lost — reconnecting; your shell keeps running.
        </div>
      )}
      {searchOpen && search && <SearchBox search={search} onClose={closeSearch} />}
      <div className="terminal" data-testid="terminal" ref={host} />
      <p className="term-help">
        <button type="button" className="link-button" onClick={() => setSearchOpen(true)}>
          Find
        </button>{' '}
        (<kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>F</kbd>) · your shell survives a page reload
      </p>
    </div>
  );
}
