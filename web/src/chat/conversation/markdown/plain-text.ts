import type { Block, Inline } from './markdown-tree';
import { parseMarkdown } from './parse-markdown';

/**
 * A message as one line of plain text, for the places too small for formatting — reply quotes, the room
 * list's preview, notifications: the markup characters go, the words stay (a link shows its label, code
 * its content), and blocks and line breaks become spaces.
 */
export function plainText(body: string): string {
  return parseMarkdown(body).map(blockText).join(' ').replace(/\s+/g, ' ').trim();
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return inlineText(block.children);
    case 'code-block':
      return block.text;
    case 'quote':
      return block.children.map(blockText).join(' ');
    case 'list':
      return block.items.map(inlineText).join(' ');
  }
}

function inlineText(nodes: readonly Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        case 'text':
        case 'code':
          return node.text;
        case 'break':
          return ' ';
        default:
          return inlineText(node.children);
      }
    })
    .join('');
}
