export function Tag({ name }: { name: string }) {
  return <em className="ui-tag">#{name}</em>;
}
