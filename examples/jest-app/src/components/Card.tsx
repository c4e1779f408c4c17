// A styled-jsx component: the `<style jsx>` rules are scoped to this component's elements.
export function Card({ title, highlighted = false }: { title: string; highlighted?: boolean }) {
  return (
    <article className="card">
      <h3>{title}</h3>
      <style jsx>{`
        .card {
          border: 3px solid rgb(10, 20, 30);
          padding: 4px;
        }
        h3 {
          color: ${highlighted ? 'rgb(200, 0, 0)' : 'rgb(0, 0, 0)'};
        }
      `}</style>
    </article>
  );
}
