import { useEffect, useState } from 'preact/hooks';

/** A value that components can watch: setting it re-renders every component using it. */
export class Observable<T> {
  private readonly listeners = new Set<() => void>();

  constructor(private current: T) {}

  get value(): T {
    return this.current;
  }

  set value(next: T) {
    if (next !== this.current) {
      this.current = next;
      this.listeners.forEach((listener) => listener());
    }
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export function useObservable<T>(observable: Observable<T>): T {
  const [, setTick] = useState(0);
  const rendered = observable.value;
  useEffect(() => {
    const rerender = () => setTick((n) => n + 1);
    // A change between this render and subscribing (effects run later) would otherwise be missed.
    if (observable.value !== rendered) {
      rerender();
    }
    return observable.subscribe(rerender);
  }, [observable]);
  return rendered;
}
