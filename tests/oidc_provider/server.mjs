// A real OpenID Connect provider (panva's oidc-provider) for tests and local
// development: "Kongsberg kommune"'s identity provider on loopback. Not for
// production: every password is accepted and the keys live in memory.
//
//   node server.mjs            # http://127.0.0.1:9000, clients below
//   PORT=9100 node server.mjs
//
// Two extra clients misbehave on purpose, so the platform's refusals can be
// tested against a real provider: `kongsberg-feil-mottaker` gets ID tokens
// addressed to someone else, `kongsberg-utlopt` gets ID tokens that have
// already expired. Both are signed with the provider's own key. `felles`
// stands in for a national provider (ID-porten, Feide).
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider from 'oidc-provider';

const PORT = Number(process.env.PORT || 9000);
const ISSUER = process.env.ISSUER || `http://127.0.0.1:${PORT}`;
const SECRET = process.env.CLIENT_SECRET || 'kongsberg-hemmelighet';
const NAME = process.env.PROVIDER_NAME || 'Kongsberg kommune';
const CLIENTS = ['kongsberg', 'kongsberg-feil-mottaker', 'kongsberg-utlopt', 'felles'];
const TAMPER = {
  'kongsberg-feil-mottaker': (claims) => ({ ...claims, aud: 'en-annen-tjeneste' }),
  'kongsberg-utlopt': (claims) => ({ ...claims, iat: claims.iat - 7200, exp: claims.iat - 3600 }),
};

// The platform's callback for client `id`, on any loopback host and port
// (127.0.0.1, localhost, *.localhost, Django's test client's "testserver").
const DEV_HOSTS = /^(127\.0\.0\.1|localhost|[a-z0-9-]+\.localhost|testserver)$/;
function isDevCallback(uri, id) {
  const url = URL.parse(uri);
  return (
    url !== null &&
    url.protocol === 'http:' &&
    DEV_HOSTS.test(url.hostname) &&
    url.pathname === `/konto/oidc/${id}/login/callback/`
  );
}

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };

const accounts = new Map(); // sub -> e-mail, for whoever signed in since the start
const subFor = (email) => createHash('sha256').update(email).digest('hex').slice(0, 24);

const provider = new Provider(ISSUER, {
  clients: CLIENTS.map((id) => ({
    client_id: id,
    client_secret: SECRET,
    redirect_uris: [`http://127.0.0.1:8000/konto/oidc/${id}/login/callback/`],
    token_endpoint_auth_method: 'client_secret_post',
  })),
  jwks: { keys: [jwk] },
  cookies: { keys: ['test-only-cookie-key'] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
  },
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => false },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const email = accounts.get(sub);
    if (!email) return undefined;
    const given = email.split('@')[0].split('.')[0];
    const givenName = given.charAt(0).toUpperCase() + given.slice(1);
    return {
      accountId: sub,
      async claims() {
        return { sub, email, email_verified: true, given_name: givenName, name: givenName };
      },
    };
  },
  // A first-party provider: no consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

const allowed = provider.Client.prototype.redirectUriAllowed;
provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(uri) {
  return allowed.call(this, uri) || isDevCallback(uri, this.clientId);
};

provider.use(async (ctx, next) => {
  await next();
  const tamper = TAMPER[ctx.oidc?.client?.clientId];
  if (ctx.path === '/token' && tamper && ctx.body?.id_token) {
    const claims = tamper(decodeJwt(ctx.body.id_token));
    ctx.body = {
      ...ctx.body,
      id_token: await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
        .sign(privateKey),
    };
  }
});

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, error = '') {
  return `<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(NAME)} – innlogging (test)</title></head>
<body><main>
<h1>${escape(NAME)}</h1>
<p>Testinnlogging for utvikling: alle passord godtas.</p>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<p><label for="email">E-post</label><br><input id="email" name="email" type="email" autocomplete="username" required></p>
<p><label for="password">Passord</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Logg inn</button></p>
</form></main></body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const handle = provider.callback();
createServer(async (req, res) => {
  const match = req.url.match(/^\/interaction\/([\w-]+)(\/login)?$/);
  if (!match) return handle(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'POST' && match[2]) {
      const form = await readForm(req);
      const email = (form.get('email') || '').trim().toLowerCase();
      if (!email.includes('@') || !form.get('password')) {
        res.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' });
        return res.end(loginPage(details.uid, 'Skriv e-postadresse og passord.'));
      }
      const sub = subFor(email);
      accounts.set(sub, email);
      return await provider.interactionFinished(req, res, { login: { accountId: sub } });
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    return res.end(loginPage(details.uid));
  } catch (error) {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
    return res.end(`Innloggingen er utløpt eller ugyldig: ${error.message}`);
  }
}).listen(PORT, '127.0.0.1', () => {
  console.log(`OpenID Connect-testtjeneste for ${NAME}: ${ISSUER}`);
});
