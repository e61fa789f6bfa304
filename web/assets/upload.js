// The register upload with a progress bar: the bytes as they are sent (XHR upload progress),
// then the server's work — read, classify, store, in one transaction — polled from
// /api/uploads/{SHA-256 of the file}/progress, then the result page.
const form = document.querySelector('[data-upload]');
if (form) {
  const status = document.getElementById('upload-status');
  const bar = document.getElementById('upload-progress');
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const say = (text, problem) => {
    status.textContent = text;
    status.className = problem ? 'alert' : '';
  };
  const PHASES = { read: '正在读取登记表', classify: '正在逐行判定', store: '正在写入数据库' };
  /** The file's SHA-256 (hex), which names its upload's progress; undefined where the browser gives no digest (not HTTPS). */
  const digest = async (file) => {
    if (!window.crypto || !window.crypto.subtle) return undefined;
    const bytes = new Uint8Array(await window.crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  };
  let polling;
  const poll = (hash) => {
    polling = window.setInterval(async () => {
      const r = await fetch(`/api/uploads/${hash}/progress`, { credentials: 'same-origin' }).catch(() => undefined);
      // Not started yet (the server is still taking the bytes): ask again.
      if (!r || !r.ok) return;
      const p = await r.json();
      if (!PHASES[p.phase] || !p.total) return;
      bar.value = p.phase === 'classify' ? Math.round((p.done / p.total) * 50) : p.phase === 'store' ? 50 + Math.round((p.done / p.total) * 50) : 0;
      say(`${PHASES[p.phase]}：${p.done} / ${p.total} 行`);
    }, 400);
  };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const file = form.querySelector('input[type=file]').files[0];
    if (!file) return say('请先选择登记表文件。', true);
    const hash = await digest(file).catch(() => undefined);
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
      // The bytes are there; the server now reads, classifies and stores every row.
      bar.value = 0;
      say('文件已上传，服务器正在逐行判定并入库…');
      if (hash) poll(hash);
    });
    xhr.addEventListener('load', () => {
      window.clearInterval(polling);
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
      window.clearInterval(polling);
      form.querySelector('button[type=submit]').disabled = false;
      bar.hidden = true;
      say('上传未成功：网络中断，请重试。', true);
    });
    xhr.send(file);
  });
}
