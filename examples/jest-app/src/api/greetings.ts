// The real implementation talks to a server; tests replace it with jest.mock.
export interface Greeting {
  text: string;
  language: string;
}

export async function fetchGreeting(name: string): Promise<Greeting> {
  const response = await fetch(`https://api.example.invalid/greetings/${encodeURIComponent(name)}`);
  return (await response.json()) as Greeting;
}
