package project

// Check rules also read files that never name Electron: a component rendering <webview allowpopups>, a page script
// calling window.open with 'nodeIntegration=yes'. These keywords let the prefilter keep them.
func init() {
	Keywords = append(Keywords,
		[]byte("webview"),
		[]byte("nodeIntegration"),
		[]byte("contextIsolation"),
		[]byte("webSecurity"),
	)
}
