export type Tone = 'neutral' | 'danger';

export interface BadgeProps {
  tone: Tone;
  children: string;
}

export function Badge({ tone, children }: BadgeProps) {
  if (tone === 'danger') {
    const text = children.toUpperCase(); // UNCOVERED: no test renders a danger badge
    return <strong className="badge badge-danger">{text}</strong>;
  }
  return <span className="badge">{children}</span>;
}
