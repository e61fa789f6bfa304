// Progressive enhancement of the YAML upload forms: the chosen file's text goes into the form's
// text box (and its name into the hidden field), so the form posts as an ordinary form. Without
// this script the user pastes the text; the server does the same with either.
for (const input of document.querySelectorAll('input[data-yaml-file]')) {
  input.addEventListener('change', async () => {
    const file = input.files && input.files[0];
    const form = input.closest('form');
    if (!file || !form) return;
    // Rule files are UTF-8 (the compiler reads them so).
    form.querySelector('[data-yaml-text]').value = await file.text();
    form.querySelector('[data-yaml-name]').value = file.name;
  });
}
