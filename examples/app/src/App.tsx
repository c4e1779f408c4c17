import { useState } from 'react';
import type { Todo } from './lib/types';
import { TodoList } from './components/TodoList';
import { Filter, visible } from './lib/filter';

export interface AppProps {
  title: string;
}

export function App({ title }: AppProps) {
  const [todos, setTodos] = useState<Todo[]>([]);
  const [filter, setFilter] = useState<Filter>(Filter.All);
  const add = (text: string) => setTodos((t) => [...t, { id: t.length + 1, text, done: false }]);
  return (
    <main>
      <h1>{title}</h1>
      <button onClick={() => add(`todo ${todos.length + 1}`)}>Add</button>
      <select value={filter} onChange={(e) => setFilter(Number(e.target.value) as Filter)}>
        <option value={Filter.All}>All</option>
        <option value={Filter.Open}>Open</option>
      </select>
      <TodoList todos={visible(todos, filter)} onToggle={(id) => setTodos((t) => t.map((x) => (x.id === id ? { ...x, done: !x.done } : x)))} />
    </main>
  );
}
