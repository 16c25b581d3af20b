import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeSocket } from '../socket.ts';
import { fakeSocket } from '../test-support.tsx';
import { TerminalView } from './TerminalView.tsx';

vi.mock('socket.io-client', async () => ({ io: (await import('../test-support.tsx')).fakeIo }));

// xterm draws on a canvas, which jsdom lacks: a fake terminal records writes and lets the
// test decide when they have been "rendered" (when xterm would call write's callback).
const fakes = vi.hoisted(() => {
  type Handler<T> = (v: T) => void;
  class FakeTerminal {
    static last: FakeTerminal | undefined;
    cols = 100;
    rows = 30;
    written: string[] = [];
    disposed = false;
    keyHandler: ((e: KeyboardEvent) => boolean) | undefined;
    private unrendered: (() => void)[] = [];
    private dataHandlers = new Set<Handler<string>>();
    private resizeHandlers = new Set<Handler<{ cols: number; rows: number }>>();
    constructor() {
      FakeTerminal.last = this;
    }
    loadAddon(): void {}
    open(): void {}
    focus(): void {}
    write(data: string, done?: () => void): void {
      this.written.push(data);
      if (done) this.unrendered.push(done);
    }
    /** xterm has drawn everything written so far. */
    renderAll(): void {
      const done = this.unrendered;
      this.unrendered = [];
      for (const f of done) f();
    }
    onData(fn: Handler<string>) {
      this.dataHandlers.add(fn);
      return { dispose: () => this.dataHandlers.delete(fn) };
    }
    onBinary(_fn: Handler<string>) {
      return { dispose: () => undefined };
    }
    onResize(fn: Handler<{ cols: number; rows: number }>) {
      this.resizeHandlers.add(fn);
      return { dispose: () => this.resizeHandlers.delete(fn) };
    }
    attachCustomKeyEventHandler(fn: (e: KeyboardEvent) => boolean): void {
      this.keyHandler = fn;
    }
    dispose(): void {
      this.disposed = true;
    }
    /** The learner types. */
    type(data: string): void {
      for (const f of this.dataHandlers) f(data);
    }
    resizeTo(cols: number, rows: number): void {
      for (const f of this.resizeHandlers) f({ cols, rows });
    }
  }
  class FakeFitAddon {
    fit(): void {}
  }
  class FakeSearchAddon {
    findNext = (): boolean => true;
    findPrevious = (): boolean => true;
    clearDecorations(): void {}
  }
  class FakeWebLinksAddon {}
  return { FakeTerminal, FakeFitAddon, FakeSearchAddon, FakeWebLinksAddon };
});
vi.mock('@xterm/xterm', () => ({ Terminal: fakes.FakeTerminal }));
vi.mock('@xterm/addon-fit', () => ({ FitAddon: fakes.FakeFitAddon }));
vi.mock('@xterm/addon-search', () => ({ SearchAddon: fakes.FakeSearchAddon }));
vi.mock('@xterm/addon-web-links', () => ({ WebLinksAddon: fakes.FakeWebLinksAddon }));

const term = () => {
  const t = fakes.FakeTerminal.last;
  if (!t) throw new Error('no terminal was created');
  return t;
};

beforeEach(() => {
  vi.stubGlobal('ResizeObserver', class { observe(): void {} disconnect(): void {} });
});
afterEach(() => {
  closeSocket();
  fakeSocket.reset();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('TerminalView', () => {
  it('attaches with its size, and again after a reconnect', () => {
    render(<TerminalView sessionId="s-1" />);
    expect(fakeSocket.sentOf('terminal:attach')).toEqual([{ sessionId: 's-1', cols: 100, rows: 30 }]);
    act(() => fakeSocket.serverSends('connect'));
    expect(fakeSocket.sentOf('terminal:attach')).toHaveLength(2);
  });

  it('acknowledges output only once it has been rendered, batched', () => {
    vi.useFakeTimers();
    render(<TerminalView sessionId="s-1" />);
    act(() => {
      fakeSocket.serverSends('terminal:data', { sessionId: 's-1', data: 'hello ' });
      fakeSocket.serverSends('terminal:data', { sessionId: 's-1', data: 'world' });
      fakeSocket.serverSends('terminal:data', { sessionId: 'someone-else', data: 'secret' });
    });
    expect(term().written).toEqual(['hello ', 'world']);
    vi.advanceTimersByTime(200);
    expect(fakeSocket.sentOf('terminal:ack')).toEqual([]); // nothing drawn yet, nothing owed

    term().renderAll();
    vi.advanceTimersByTime(50);
    expect(fakeSocket.sentOf('terminal:ack')).toEqual([{ sessionId: 's-1', chars: 11 }]);
  });

  it('a replay resets the screen and drops acknowledgements owed from before the reattach', () => {
    vi.useFakeTimers();
    render(<TerminalView sessionId="s-1" />);
    act(() => fakeSocket.serverSends('terminal:data', { sessionId: 's-1', data: 'abc' }));
    term().renderAll();
    act(() => fakeSocket.serverSends('terminal:replay', { sessionId: 's-1', data: '$ ls\r\n' }));
    expect(term().written.at(-1)).toBe('\x1bc$ ls\r\n');
    vi.advanceTimersByTime(100);
    expect(fakeSocket.sentOf('terminal:ack')).toEqual([]);
  });

  it('sends keys and size changes to the shell', () => {
    render(<TerminalView sessionId="s-1" />);
    term().type('kubectl get pods\r');
    term().resizeTo(120, 40);
    expect(fakeSocket.sentOf('terminal:input')).toEqual([{ sessionId: 's-1', data: 'kubectl get pods\r' }]);
    expect(fakeSocket.sentOf('terminal:resize')).toEqual([{ sessionId: 's-1', cols: 120, rows: 40 }]);
  });

  it('tells the learner when the connection drops, and clears it on reconnect', () => {
    render(<TerminalView sessionId="s-1" />);
    expect(screen.queryByText(/Connection lost/)).toBeNull();
    act(() => fakeSocket.serverSends('disconnect'));
    expect(screen.getByRole('status').textContent).toBe('Connection lost — reconnecting; your shell keeps running.');
    act(() => fakeSocket.serverSends('connect'));
    expect(screen.queryByText(/Connection lost/)).toBeNull();
  });

  it('opens the find box from the Find button or Ctrl+Shift+F', async () => {
    const user = userEvent.setup();
    render(<TerminalView sessionId="s-1" />);
    expect(screen.queryByRole('search')).toBeNull();
    let handled = true;
    act(() => {
      handled = term().keyHandler?.(new KeyboardEvent('keydown', { key: 'F', ctrlKey: true, shiftKey: true })) ?? true;
    });
    expect(handled).toBe(false); // not passed on to the shell
    expect(screen.getByRole('search')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Close find' }));
    expect(screen.queryByRole('search')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Find' }));
    expect(screen.getByRole('textbox', { name: 'Find in terminal' })).toBeTruthy();
    expect(term().keyHandler?.(new KeyboardEvent('keydown', { key: 'c', ctrlKey: true }))).toBe(true);
  });

  it('lets go of the socket and the terminal when closed', () => {
    vi.useFakeTimers();
    const { unmount } = render(<TerminalView sessionId="s-1" />);
    act(() => fakeSocket.serverSends('terminal:data', { sessionId: 's-1', data: 'abc' }));
    term().renderAll();
    unmount();
    vi.advanceTimersByTime(100);
    expect(fakeSocket.sentOf('terminal:ack')).toEqual([]);
    expect(term().disposed).toBe(true);
    for (const ev of ['connect', 'disconnect', 'terminal:replay', 'terminal:data']) expect(fakeSocket.listenerCount(ev)).toBe(0);
  });
});
