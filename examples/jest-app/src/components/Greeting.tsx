import { useEffect, useState } from 'react';
import { fetchGreeting, type Greeting as GreetingData } from '../api/greetings';
import { track } from '../lib/analytics';

type State = { status: 'loading' } | { status: 'done'; greeting: GreetingData } | { status: 'failed'; reason: string };

export function Greeting({ name }: { name: string }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    fetchGreeting(name).then(
      (greeting) => {
        track('greeting-shown', { language: greeting.language });
        if (live) setState({ status: 'done', greeting });
      },
      (err: Error) => live && setState({ status: 'failed', reason: err.message }),
    );
    return () => {
      live = false;
    };
  }, [name]);

  switch (state.status) {
    case 'loading':
      return <p role="status">Loading…</p>;
    case 'failed':
      return <p role="alert">Could not greet {name}: {state.reason}</p>;
    case 'done':
      return <h2 lang={state.greeting.language}>{state.greeting.text}</h2>;
  }
}
