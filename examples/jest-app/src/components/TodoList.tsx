import { useState, type FormEvent } from 'react';

export enum Filter {
  All,
  Open,
  Done,
}

interface Todo {
  readonly id: number;
  text: string;
  done: boolean;
}

const visible = (todos: Todo[], filter: Filter) =>
  todos.filter((t) => filter === Filter.All || (filter === Filter.Done) === t.done);

export function TodoList() {
  const [todos, setTodos] = useState<Todo[]>([]);
  const [filter, setFilter] = useState(Filter.All);
  const [draft, setDraft] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim()) return;
    setTodos((t) => [...t, { id: t.length + 1, text: draft.trim(), done: false }]);
    setDraft('');
  };
  return (
    <div>
      <form onSubmit={submit}>
        <input aria-label="new todo" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit">Add</button>
      </form>
      <div role="group" aria-label="filter">
        {[Filter.All, Filter.Open, Filter.Done].map((f) => (
          <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {Filter[f]}
          </button>
        ))}
      </div>
      <ul>
        {visible(todos, filter).map((t) => (
          <li key={t.id}>
            <label>
              <input
                type="checkbox"
                checked={t.done}
                onChange={() => setTodos((all) => all.map((x) => (x.id === t.id ? { ...x, done: !x.done } : x)))}
              />
              {t.text}
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
