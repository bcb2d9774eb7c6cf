import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { isLanguage, translator, type Translator } from './index';

/** One language's messages for a part of the page in the child's language (null while they load); English for others. */
export function useTranslator(code: string | null | undefined): Translator | null {
  const [tr, setTr] = useState<Translator | null>(null);
  useEffect(() => {
    let live = true;
    void translator(isLanguage(code) ? code : 'en').then((loaded) => live && setTr(loaded));
    return () => {
      live = false;
    };
  }, [code]);
  return tr;
}

/** A message with some {placeholders} filled by elements (a date in bold, a code kept left to right), in order. */
export function fillWith(template: string, parts: Record<string, ComponentChildren>): ComponentChildren[] {
  return template.split(/(\{\w+\})/).map((piece) => {
    const name = /^\{(\w+)\}$/.exec(piece)?.[1];
    return name && name in parts ? parts[name] : piece;
  });
}
