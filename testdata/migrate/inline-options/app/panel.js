document.getElementById("n").addEventListener("click", () => window.panel.next());
