// The register upload with a progress bar: the bytes as they are sent (XHR upload progress),
// then the server's work (classifying and storing in one transaction), then the result page.
const form = document.querySelector('[data-upload]');
if (form) {
  const status = document.getElementById('upload-status');
  const bar = document.getElementById('upload-progress');
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const say = (text, problem) => {
    status.textContent = text;
    status.className = problem ? 'alert' : '';
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const file = form.querySelector('input[type=file]').files[0];
    if (!file) return say('请先选择登记表文件。', true);
    const xlsx = /\.xlsx$/i.test(file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/uploads?name=${encodeURIComponent(file.name)}&format=${xlsx ? 'xlsx' : 'csv'}`);
    xhr.setRequestHeader('content-type', xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv');
    xhr.setRequestHeader('x-csrf-token', csrf);
    bar.hidden = false;
    bar.value = 0;
    form.querySelector('button[type=submit]').disabled = true;
    say(`正在上传 ${file.name}…`);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
    });
    xhr.upload.addEventListener('load', () => {
      // The bytes are there; the server now classifies and stores every row.
      bar.removeAttribute('value');
      say('文件已上传，服务器正在逐行判定并入库…');
    });
    xhr.addEventListener('load', () => {
      let body;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status === 200 && body && body.uploadId) {
        bar.value = 100;
        say('完成，正在打开结果…');
        location.assign(`/uploads/${body.uploadId}`);
        return;
      }
      form.querySelector('button[type=submit]').disabled = false;
      bar.hidden = true;
      say(`上传未成功：${body && body.error ? body.error.message : `服务器返回 ${xhr.status}`}`, true);
    });
    xhr.addEventListener('error', () => {
      form.querySelector('button[type=submit]').disabled = false;
      bar.hidden = true;
      say('上传未成功：网络中断，请重试。', true);
    });
    xhr.send(file);
  });
}
