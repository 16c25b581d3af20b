import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

/** Markdown from an exercise file, rendered and sanitized (links open in a new tab). */
export function Markdown({ source, testId }: { source: string; testId?: string }) {
  const html = useMemo(() => {
    const raw = marked.parse(source, { async: false, gfm: true });
    return DOMPurify.sanitize(raw, { ADD_ATTR: ['target'] });
  }, [source]);
  return <div className="markdown" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}

// External links in briefings open beside the terminal instead of replacing it.
// A target the author wrote is dropped: only this hook opens new tabs, always with
// rel=noopener (protocol-relative `//host` links are external too).
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName !== 'A') return;
  node.removeAttribute('target');
  if (/^(https?:)?\/\//i.test(node.getAttribute('href') ?? '')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});
