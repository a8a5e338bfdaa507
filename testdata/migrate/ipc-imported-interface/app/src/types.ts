// The API the page calls, one member per message.
export interface MainApi {
  ping: () => Promise<string>;
  on: (channel: string, listener: (...args: any[]) => void) => () => void;
}
