export function Docs() {
  return <webview src="https://docs.example.com/" allowpopups="true" />
}
