// Sends events to an analytics endpoint; automocked in tests.
export const endpoint = 'https://analytics.example.invalid/collect';

export function track(event: string, data: Record<string, string>): void {
  navigator.sendBeacon(endpoint, JSON.stringify({ event, ...data }));
}
