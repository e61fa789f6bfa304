// After 预览判定, bring the decision into view and focus for the keyboard and screen readers.
const preview = document.getElementById('preview');
if (preview) {
  preview.setAttribute('tabindex', '-1');
  preview.scrollIntoView({ block: 'start' });
  preview.focus();
}
