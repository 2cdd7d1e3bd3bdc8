import { useMemo, type ReactNode } from 'react';
import type { Block, Inline } from './markdown-tree';
import { parseMarkdown } from './parse-markdown';

/**
 * A message body with its formatting, as React elements only: text is always a text node (React escapes
 * it), links carry an href `safeHref` accepted, and nothing is ever set as HTML. `trailing` (the
 * "(edited)" mark) goes at the end of the last paragraph, or after the blocks when the message ends with
 * something else.
 */
export function MarkdownView({ source, trailing }: { source: string; trailing?: ReactNode }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  const last = blocks.at(-1);
  const trailingInside = last?.kind === 'paragraph';
  return (
    <>
      {blocks.map((block, index) => (
        <BlockView key={index} block={block} trailing={trailingInside && block === last ? trailing : null} />
      ))}
      {trailingInside ? null : trailing}
    </>
  );
}

function BlockView({ block, trailing }: { block: Block; trailing?: ReactNode }) {
  switch (block.kind) {
    case 'paragraph':
      return (
        <p className="md-paragraph">
          <InlineView nodes={block.children} />
          {trailing}
        </p>
      );
    case 'code-block':
      return (
        <pre className="md-code-block">
          <code>{block.text}</code>
        </pre>
      );
    case 'quote':
      return (
        <blockquote className="md-quote">
          {block.children.map((child, index) => (
            <BlockView key={index} block={child} />
          ))}
        </blockquote>
      );
    case 'list': {
      const items = block.items.map((item, index) => (
        <li key={index}>
          <InlineView nodes={item} />
        </li>
      ));
      return block.ordered ? (
        <ol className="md-list" start={block.start === 1 ? undefined : block.start}>
          {items}
        </ol>
      ) : (
        <ul className="md-list">{items}</ul>
      );
    }
  }
}

const EMPHASIS_TAG = { strong: 'strong', em: 'em', strike: 's' } as const;

function InlineView({ nodes }: { nodes: readonly Inline[] }) {
  return nodes.map((node, index) => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'break':
        return <br key={index} />;
      case 'code':
        return (
          <code key={index} className="md-code">
            {node.text}
          </code>
        );
      case 'strong':
      case 'em':
      case 'strike': {
        const Tag = EMPHASIS_TAG[node.kind];
        return (
          <Tag key={index}>
            <InlineView nodes={node.children} />
          </Tag>
        );
      }
      case 'link':
        return (
          <a key={index} href={node.href} title={node.href} target="_blank" rel="noopener noreferrer">
            <InlineView nodes={node.children} />
          </a>
        );
    }
  });
}
