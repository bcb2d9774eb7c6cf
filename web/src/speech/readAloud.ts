import { Observable } from '../state/observable';

/** Whether the page is being read aloud now. */
export const speaking = new Observable(false);

export function canReadAloud(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window;
}

/**
 * Reads the screen aloud with the browser's own voices (nothing leaves the device). Hidden text is skipped; form
 * fields are read by their labels, and a child's own typed words are read too, so they can check them.
 */
export function readAloud(root: HTMLElement, lang: string): void {
  if (!canReadAloud()) {
    return;
  }
  stopReading();
  const text = textToRead(root);
  if (!text) {
    return;
  }
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang;
  utterance.rate = 0.9;
  const voice = window.speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(lang.toLowerCase().slice(0, 2)));
  if (voice) {
    utterance.voice = voice;
  }
  utterance.onend = () => (speaking.value = false);
  utterance.onerror = () => (speaking.value = false);
  speaking.value = true;
  window.speechSynthesis.speak(utterance);
}

export function stopReading(): void {
  if (canReadAloud()) {
    window.speechSynthesis.cancel();
  }
  speaking.value = false;
}

export function textToRead(root: HTMLElement): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent?.trim();
      if (text) {
        parts.push(text);
      }
      return;
    }
    if (!(node instanceof HTMLElement)) {
      return;
    }
    if (node.hidden || node.getAttribute('aria-hidden') === 'true' || node.dataset.noRead !== undefined) {
      return;
    }
    if (node instanceof HTMLTextAreaElement || (node instanceof HTMLInputElement && node.type === 'text')) {
      if (node.value.trim()) {
        parts.push(node.value.trim());
      }
      return;
    }
    const label = node.getAttribute('aria-label');
    if (label && node.childElementCount === 0 && !node.textContent?.trim()) {
      parts.push(label);
      return;
    }
    node.childNodes.forEach(walk);
  };
  walk(root);
  return parts.join('. ').replace(/\.\s*\./g, '.');
}
