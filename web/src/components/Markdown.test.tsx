import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Markdown } from './Markdown.tsx';

describe('Markdown (exercise briefings and hints)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('renders markdown: headings, code, lists, tables (gfm)', () => {
    render(<Markdown testId="md" source={'## Goal\n\nRun `kubectl get pods`.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'} />);
    expect(screen.getByRole('heading', { level: 2, name: 'Goal' })).toBeTruthy();
    expect(screen.getByText('kubectl get pods').tagName).toBe('CODE');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(screen.getByRole('table')).toBeTruthy();
  });

  it('strips scripts, event handlers, iframes and javascript: links', () => {
    const alert = vi.fn();
    vi.stubGlobal('alert', alert);
    const source = [
      'Hello <script>alert("xss")</script>',
      '<img src="x.png" alt="pic" onerror="alert(1)">',
      '<a href="javascript:alert(2)">click me</a> [also](javascript:alert(3))',
      '<iframe src="https://evil.example"></iframe>',
      '<div onclick="alert(4)" onmouseover="alert(5)">box</div>',
    ].join('\n\n');
    const { container } = render(<Markdown testId="md" source={source} />);
    const md = screen.getByTestId('md');
    expect(md.querySelector('script')).toBeNull();
    expect(md.querySelector('iframe')).toBeNull();
    expect(md.innerHTML).not.toMatch(/onerror|onclick|onmouseover|javascript:/i);
    expect(md.querySelector('img')?.getAttribute('alt')).toBe('pic');
    for (const a of md.querySelectorAll('a')) expect(a.getAttribute('href') ?? '').not.toMatch(/^javascript:/i);
    expect(screen.getByText('click me')).toBeTruthy();
    screen.getByText('box').click();
    expect(alert).not.toHaveBeenCalled();
    expect(container.textContent).toContain('Hello');
  });

  it('opens external links in a new tab, safely; keeps in-app links in place', () => {
    render(<Markdown testId="md" source={'[docs](https://kubernetes.io/docs) and [events](#/events)'} />);
    const ext = screen.getByRole('link', { name: 'docs' });
    expect(ext.getAttribute('target')).toBe('_blank');
    expect(ext.getAttribute('rel')).toBe('noopener noreferrer');
    const local = screen.getByRole('link', { name: 'events' });
    expect(local.getAttribute('href')).toBe('#/events');
    expect(local.getAttribute('target')).toBeNull();
  });

  it('a protocol-relative link is external too, and a target the author wrote is dropped', () => {
    render(<Markdown testId="md" source={'<a href="//evil.example" target="_blank">x</a> <a href="#/events" target="_top">y</a>'} />);
    expect(screen.getByRole('link', { name: 'x' }).getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByRole('link', { name: 'y' }).getAttribute('target')).toBeNull();
  });
});
