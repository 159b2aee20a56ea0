import { Fragment, type ReactNode } from 'react';

/** The document's descriptions use `code` and **bold** only; render those, escape everything else. */
export function RichText({ text }: { text: string }): ReactNode {
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g).map((part, i) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) {
      return (
        <code key={i} className="rounded bg-slate-100 px-1 py-0.5 text-[0.9em]">
          {part.slice(1, -1)}
        </code>
      );
    }
    if (part.startsWith('**') && part.endsWith('**') && part.length > 3)
      return <strong key={i}>{part.slice(2, -2)}</strong>;
    return <Fragment key={i}>{part}</Fragment>;
  });
}

/** Paragraphs separated by blank lines. */
export function Paragraphs({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <>
      {text.split(/\n\n+/).map((paragraph, i) => (
        <p key={i} className="text-sm text-slate-700">
          <RichText text={paragraph} />
        </p>
      ))}
    </>
  );
}
