export default function Badge({ tone, children }: { tone: 'info' | 'warning'; children: string }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
