// Saves text as a file through a temporary Blob link: works in the browser and in Electron without
// any file-system access in the renderer.
export function downloadText(filename: string, mime: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some engines read the blob asynchronously after click().
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
