import { Badge, Button } from 'ui-lib';
import { Counter } from './components/Counter';
import { Note } from './components/Note';
import { Tag } from './components/Tag';

export function App() {
  console.log('removeConsole-marker: App rendered'); // removed by removeConsole
  const report = (error: unknown) => console.error('kept by removeConsole.exclude', error);
  return (
    <main>
      <h1>{__APP_TITLE__}</h1>
      <p>
        Compiled by compiler-js <Badge tone="info">vite</Badge> <Tag>emotion</Tag>
      </p>
      <Counter start={1} />
      <Note>styled-components</Note>
      <Button onPress={() => report(new Error('never pressed in the test'))}>Report</Button>
    </main>
  );
}
