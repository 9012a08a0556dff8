// MÔ PHỎNG VNeID — a real OpenID Connect provider (panva's oidc-provider) on loopback, configured
// like the national one as far as MotCua needs: authorization code flow with PKCE (S256, required),
// client_secret_basic, RS256 ID tokens carrying the 12-digit personal ID number (claim SoDinhDanh),
// name, birthdate, and an acr per identity level (urn:vneid:loa:1 / urn:vneid:loa:2), discovery,
// JWKS, RP-initiated logout. Logging in is a small form that takes the ID number and the level
// (no password: this is a simulator, and every page says so).
//
//   node server.mjs --port N [--client-id motcua] [--client-secret S]
//        [--redirect-uri URI]... [--post-logout-redirect-uri URI]... [--mode demo|test]
//
// Control (tests only, loopback): POST /__control/tamper {"mode": M} makes the NEXT token
// response's ID token tampered: signature | alg_none | hs256 | issuer | audience | expired |
// nonce | unknown_kid | rotate (signs with a new key, published in the JWKS from then on);
// GET /__control/log lists what the provider received at /token and /session/end and answered.
import crypto from 'node:crypto';
import http from 'node:http';
import { parseArgs } from 'node:util';

import * as jose from 'jose';
import Provider from 'oidc-provider';

const { values: opt } = parseArgs({
  options: {
    port: { type: 'string', default: '9400' },
    host: { type: 'string', default: '127.0.0.1' },
    'client-id': { type: 'string', default: 'motcua' },
    'client-secret': { type: 'string', default: 'motcua-vneid-secret-mo-phong' },
    'redirect-uri': { type: 'string', multiple: true, default: ['http://127.0.0.1:8080/api/v1/auth/vneid/callback'] },
    'post-logout-redirect-uri': { type: 'string', multiple: true, default: ['http://127.0.0.1:8080/'] },
    mode: { type: 'string', default: 'test' },
  },
});
const port = Number(opt.port);
const issuer = `http://${opt.host}:${port}`;
const BANNER = 'MÔ PHỎNG VNeID';

const mainKey = await jose.generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
const mainJwk = { ...(await jose.exportJWK(mainKey.privateKey)), kid: 'vneid-sim-1', use: 'sig', alg: 'RS256' };
const published = [];  // keys added to the JWKS by the "rotate" tamper
let tamper = null;
const received = [];

// People who logged in here: ID number -> {name, birthdate}.
const people = new Map();
const demoPeople = [
  ['001090000001', 'Nguyễn Văn An', '1990-05-12'],
  ['079185000123', 'Trần Thị Bình', '1985-11-03'],
];
for (const [id, name, birthdate] of demoPeople) people.set(id, { name, birthdate });

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const page = (title, body) => `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} — ${BANNER}</title>
<style>body{font-family:sans-serif;max-width:28rem;margin:1rem auto;padding:0 1rem}
.banner{background:#b00020;color:#fff;padding:.5rem;font-weight:bold;text-align:center}
label{display:block;margin:.6rem 0}input,select,button{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}</style>
</head><body><div class="banner" role="note">${BANNER} — không phải hệ thống định danh thật</div>
<h1>${esc(title)}</h1>${body}</body></html>`;

const configuration = {
  clients: [{
    client_id: opt['client-id'],
    client_secret: opt['client-secret'],
    redirect_uris: opt['redirect-uri'],
    post_logout_redirect_uris: opt['post-logout-redirect-uri'],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  }],
  jwks: { keys: [mainJwk] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  acrValues: ['urn:vneid:loa:1', 'urn:vneid:loa:2'],
  // acr always travels in the ID token (the level is what the relying party decides on).
  claims: { acr: null, auth_time: null, iss: null, sid: null, openid: ['sub', 'SoDinhDanh', 'acr', 'auth_time', 'sid'], profile: ['name', 'birthdate'] },
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page('Đăng xuất', `${form}<p>Bạn có muốn đăng xuất khỏi tài khoản định danh?</p>
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Đăng xuất</button>`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('Đã đăng xuất', '<p>Bạn đã đăng xuất khỏi tài khoản định danh.</p>');
      },
    },
  },
  ttl: { AuthorizationCode: 60, IdToken: 300, AccessToken: 300, Session: 3600, Interaction: 600, Grant: 3600 },
  async findAccount(ctx, id) {
    const p = people.get(id);
    if (!p) return undefined;
    return {
      accountId: id,
      // sub is opaque (a hash), as a national provider's may be: the ID number is its own claim.
      async claims() {
        return { sub: crypto.createHash('sha256').update(`vneid:${id}`).digest('hex').slice(0, 32), SoDinhDanh: id, name: p.name, birthdate: p.birthdate };
      },
    };
  },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      const g = await ctx.oidc.provider.Grant.find(grantId);
      if (g) return g;
    }
    // The national portal's relying parties are pre-approved: no consent screen.
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    await grant.save();
    return grant;
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Lỗi', `<p>${esc(out.error)}: ${esc(out.error_description || '')}</p>`);
  },
};

const provider = new Provider(issuer, configuration);

async function retoken(idToken, change, key = mainKey.privateKey, kid = mainJwk.kid) {
  const claims = jose.decodeJwt(idToken);
  change(claims);
  return new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(key);
}

const b64u = (b) => Buffer.from(b).toString('base64url');

async function tamperToken(mode, idToken) {
  const [h, p, s] = idToken.split('.');
  const now = Math.floor(Date.now() / 1000);
  switch (mode) {
    case 'signature': return `${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    case 'alg_none': return `${b64u(JSON.stringify({ alg: 'none', kid: mainJwk.kid }))}.${p}.`;
    case 'hs256': {
      const pem = crypto.createPublicKey({ key: mainJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
      const head = b64u(JSON.stringify({ alg: 'HS256', kid: mainJwk.kid }));
      return `${head}.${p}.${crypto.createHmac('sha256', pem).update(`${head}.${p}`).digest('base64url')}`;
    }
    case 'issuer': return retoken(idToken, (c) => { c.iss = 'http://127.0.0.1:1/gia-mao'; });
    case 'audience': return retoken(idToken, (c) => { c.aud = 'ung-dung-khac'; });
    case 'expired': return retoken(idToken, (c) => { c.exp = now - 3600; c.iat = now - 3900; });
    case 'nonce': return retoken(idToken, (c) => { c.nonce = 'nonce-cua-phien-khac'; });
    case 'unknown_kid': {
      const k = await jose.generateKeyPair('RS256');
      return retoken(idToken, () => {}, k.privateKey, 'khoa-la');
    }
    case 'rotate': {
      const k = await jose.generateKeyPair('RS256', { extractable: true });
      const kid = `vneid-sim-${published.length + 2}`;
      published.push({ ...(await jose.exportJWK(k.publicKey)), kid, use: 'sig', alg: 'RS256' });
      return retoken(idToken, () => {}, k.privateKey, kid);
    }
    default: return idToken;
  }
}

provider.use(async (ctx, next) => {
  await next();
  if (received.length > 1000) received.splice(0, received.length - 1000);  // the last thousand
  if (ctx.path === '/token') {
    received.push({ at: Date.now(), path: '/token', status: ctx.status, error: ctx.body?.error || null,
      grant_type: ctx.oidc?.params?.grant_type || null, pkce: Boolean(ctx.oidc?.params?.code_verifier), tamper });
    if (ctx.status === 200 && tamper && ctx.body?.id_token) {
      ctx.body = { ...ctx.body, id_token: await tamperToken(tamper, ctx.body.id_token) };
      tamper = null;
    }
  } else if (ctx.path.startsWith('/session/end')) {
    received.push({ at: Date.now(), path: ctx.path, status: ctx.status });
  } else if (ctx.path === '/jwks' && published.length && ctx.body?.keys) {
    ctx.body = { keys: [...ctx.body.keys, ...published] };
  }
});

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c) => { data += c; if (data.length > 65536) req.destroy(); });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function send(res, status, body, type = 'text/html; charset=utf-8') {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

async function interaction(req, res, url) {
  const m = url.pathname.match(/^\/interaction\/([\w-]+)(\/login)?$/);
  if (!m) return send(res, 404, page('Không tìm thấy', ''));
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (e) {
    return send(res, 400, page('Phiên đăng nhập đã hết hạn', `<p>${esc(e.message)}</p>`));
  }
  if (req.method === 'GET') {
    const demo = opt.mode === 'demo'
      ? `<p>Tài khoản mẫu: ${demoPeople.map(([id, n]) => `${esc(n)} (${id})`).join(', ')}</p>` : '';
    return send(res, 200, page('Đăng nhập tài khoản định danh điện tử', `${demo}
<form method="post" action="/interaction/${esc(details.uid)}/login">
<label>Số định danh cá nhân (12 chữ số)<input name="personal_id" inputmode="numeric" pattern="[0-9]{12}" required></label>
<label>Họ và tên<input name="full_name"></label>
<label>Ngày sinh<input name="birthdate" type="date"></label>
<label>Mức định danh<select name="level"><option value="2">Mức 2</option><option value="1">Mức 1</option></select></label>
<button type="submit">Đăng nhập</button></form>`));
  }
  if (req.method === 'POST' && m[2]) {
    const form = new URLSearchParams(await readBody(req));
    const id = form.get('personal_id') || '';
    const level = form.get('level') === '1' ? 1 : 2;
    if (!/^[0-9]{12}$/.test(id)) return send(res, 400, page('Số định danh không hợp lệ', '<p>Số định danh cá nhân gồm 12 chữ số.</p>'));
    const known = people.get(id);
    people.set(id, {
      name: form.get('full_name') || known?.name || 'Công dân mô phỏng',
      birthdate: form.get('birthdate') || known?.birthdate || '1990-01-01',
    });
    return provider.interactionFinished(req, res, {
      login: { accountId: id, acr: `urn:vneid:loa:${level}`, amr: ['pwd'] },
    }, { mergeWithLastSubmission: false });
  }
  return send(res, 405, page('Phương thức không được hỗ trợ', ''));
}

async function control(req, res, url) {
  if (url.pathname === '/__control/tamper' && req.method === 'POST') {
    const body = JSON.parse((await readBody(req)) || '{}');
    tamper = body.mode || null;
    return send(res, 200, JSON.stringify({ tamper }), 'application/json');
  }
  if (url.pathname === '/__control/log' && req.method === 'GET') {
    return send(res, 200, JSON.stringify({ received }), 'application/json');
  }
  return send(res, 404, '{}', 'application/json');
}

const callback = provider.callback();
const server = http.createServer((req, res) => {
  const url = new URL(req.url, issuer);
  const route = url.pathname.startsWith('/interaction/') ? interaction
    : url.pathname.startsWith('/__control/') ? control : null;
  if (!route) return callback(req, res);
  route(req, res, url).catch((e) => {
    if (!res.headersSent) send(res, 500, page('Lỗi', `<p>${esc(e.message)}</p>`));
  });
});
server.listen(port, opt.host, () => {
  console.log(`${BANNER}: OpenID Connect provider at ${issuer} (client ${opt['client-id']}, mode ${opt.mode})`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
