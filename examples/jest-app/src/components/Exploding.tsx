// Used only by src/__failing__: a component that throws, for the stack-trace test. The
// types above the throw vanish from the output, so its line there differs from this file's.
export interface ExplodingProps {
  /** What to say when exploding. */
  reason: string;
  /** Unused; here to make the compiled file shorter than this one. */
  tone?: 'loud' | 'quiet';
}

type Never = never;
type Alias<T> = T extends Never ? never : T;

export function Exploding({ reason }: Alias<ExplodingProps>): never {
  throw new Error(`exploded: ${reason}`); // THROW-SITE
}
