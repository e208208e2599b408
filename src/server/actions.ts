/**
 * What users do, independent of how they asked (JSON API or HTML form): each action checks
 * its input, changes the state and appends to the audit log. Routes only translate the
 * outcome into a status code, a JSON body or a page.
 */
import { AccountError, isRole, type Principal, type Role, type User } from './accounts.js';
import { type CaseRow, parseCaseInput, type RunRow, type SampleRow } from './cases.js';
import type { ServerContext } from './context.js';
import { isId } from './secrets.js';
import { receiveUpload } from './uploads.js';

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly status: 400 | 401 | 404 | 409 | 413 | 429; readonly error: string };

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const fail = (status: 400 | 401 | 404 | 409 | 413 | 429, error: string): Outcome<never> => ({
  ok: false,
  status,
  error,
});

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export async function setupAdmin(
  ctx: ServerContext,
  raw: Record<string, unknown>,
  address: string,
): Promise<Outcome<User>> {
  if (!ctx.loginLimiter.take(`setup|${address}`).allowed)
    return fail(429, 'too many attempts; wait a minute');
  try {
    const user = await ctx.accounts.redeemBootstrap(
      str(raw['token']).trim(),
      str(raw['username']),
      str(raw['password']),
    );
    if (user === null) {
      await ctx.audit.append({ actor: 'anonymous', action: 'setup.failed', target: '', detail: { address } });
      return fail(401, 'the setup token is wrong or was already used');
    }
    await ctx.audit.append({
      actor: user.username,
      action: 'setup.admin',
      target: user.username,
      detail: { address },
    });
    return ok(user);
  } catch (error) {
    if (error instanceof AccountError) return fail(400, error.message);
    throw error;
  }
}

export async function login(
  ctx: ServerContext,
  raw: Record<string, unknown>,
  address: string,
): Promise<Outcome<{ user: User; sessionId: string; csrf: string }>> {
  const username = str(raw['username']).slice(0, 64);
  const password = str(raw['password']);
  const limiter = ctx.loginLimiter;
  if (!limiter.take(`ip|${address}`).allowed || !limiter.take(`user|${address}|${username}`).allowed) {
    await ctx.audit.append({
      actor: 'anonymous',
      action: 'login.throttled',
      target: username,
      detail: { address },
    });
    return fail(429, 'too many sign-in attempts; wait a minute and try again');
  }
  const user = await ctx.accounts.checkPassword(username, password);
  if (user === null) {
    await ctx.audit.append({
      actor: 'anonymous',
      action: 'login.failed',
      target: username,
      detail: { address },
    });
    return fail(401, 'wrong username or password');
  }
  const session = await ctx.accounts.createSession(user.id);
  await ctx.audit.append({
    actor: user.username,
    action: 'login',
    target: user.username,
    detail: { address },
  });
  return ok({ user, sessionId: session.sessionId, csrf: session.csrf });
}

export async function logout(ctx: ServerContext, p: Principal, sessionId: string | undefined): Promise<void> {
  if (sessionId) await ctx.accounts.endSession(sessionId);
  await ctx.audit.append({ actor: p.actor, action: 'logout', target: p.username });
}

export async function createUser(
  ctx: ServerContext,
  p: Principal,
  raw: Record<string, unknown>,
): Promise<Outcome<User>> {
  const role = raw['role'];
  if (!isRole(role)) return fail(400, 'role must be admin, analyst or viewer');
  try {
    const user = await ctx.accounts.createUser(str(raw['username']), str(raw['password']), role);
    await ctx.audit.append({
      actor: p.actor,
      action: 'user.create',
      target: user.username,
      detail: { role },
    });
    return ok(user);
  } catch (error) {
    if (error instanceof AccountError)
      return fail(error.message.includes('taken') ? 409 : 400, error.message);
    throw error;
  }
}

export async function setUserDisabled(
  ctx: ServerContext,
  p: Principal,
  userId: string,
  disabled: boolean,
): Promise<Outcome<null>> {
  if (!isId(userId)) return fail(404, 'no such user');
  if (userId === p.userId) return fail(400, 'you cannot disable your own account');
  const users = await ctx.accounts.listUsers();
  const user = users.find((u) => u.id === userId);
  if (!user) return fail(404, 'no such user');
  await ctx.accounts.setDisabled(userId, disabled);
  await ctx.audit.append({
    actor: p.actor,
    action: disabled ? 'user.disable' : 'user.enable',
    target: user.username,
  });
  return ok(null);
}

export async function createToken(
  ctx: ServerContext,
  p: Principal,
  raw: Record<string, unknown>,
): Promise<Outcome<{ id: string; token: string; role: Role; username: string }>> {
  const role = raw['role'];
  if (!isRole(role)) return fail(400, 'role must be admin, analyst or viewer');
  const label = str(raw['label']).trim();
  if (label.length === 0 || label.length > 100) return fail(400, 'a label of 1 to 100 characters is needed');
  const username = str(raw['username']).trim() || p.username;
  const owner = await ctx.accounts.findUser(username);
  if (!owner || owner.disabled) return fail(404, `no active user ${username}`);
  const { id, token } = await ctx.accounts.createToken(owner.id, label, role);
  await ctx.audit.append({
    actor: p.actor,
    action: 'token.create',
    target: owner.username,
    detail: { id, label, role },
  });
  return ok({ id, token, role, username: owner.username });
}

export async function revokeToken(ctx: ServerContext, p: Principal, id: string): Promise<Outcome<null>> {
  if (!isId(id) || !(await ctx.accounts.revokeToken(id))) return fail(404, 'no such token');
  await ctx.audit.append({ actor: p.actor, action: 'token.revoke', target: id });
  return ok(null);
}

export async function createCase(
  ctx: ServerContext,
  p: Principal,
  raw: Record<string, unknown>,
): Promise<Outcome<CaseRow>> {
  const parsed = parseCaseInput(raw);
  if ('error' in parsed) return fail(400, parsed.error);
  const row = await ctx.cases.createCase(parsed.ok, p.username);
  await ctx.audit.append({
    actor: p.actor,
    action: 'case.create',
    target: row.id,
    detail: { title: row.title },
  });
  return ok(row);
}

/** Loads a case named by a URL segment; ids are checked before any lookup. */
export async function findCase(ctx: ServerContext, id: string | undefined): Promise<Outcome<CaseRow>> {
  const row = isId(id) ? await ctx.cases.getCase(id) : null;
  return row ? ok(row) : fail(404, 'no such case');
}

export async function uploadSample(
  ctx: ServerContext,
  p: Principal,
  caseId: string | undefined,
  request: { name: string; length: number | null; body: ReadableStream<Uint8Array> | null },
): Promise<Outcome<SampleRow>> {
  const found = await findCase(ctx, caseId);
  if (!found.ok) return found;
  const name = request.name.trim().slice(0, 255) || 'sample';
  if (request.length !== null && request.length > ctx.maxUploadBytes)
    return fail(413, `the file is larger than the upload limit of ${ctx.maxUploadBytes} bytes`);
  const result = await receiveUpload(request.body, {
    workspace: ctx.workspace,
    caseId: found.value.id,
    key: ctx.uploadKey,
    maxBytes: ctx.maxUploadBytes,
  });
  if (result.kind === 'too-large') {
    await ctx.audit.append({
      actor: p.actor,
      action: 'sample.too-large',
      target: found.value.id,
      detail: { name },
    });
    return fail(413, `the file is larger than the upload limit of ${result.limit} bytes`);
  }
  if (result.kind === 'empty') return fail(400, 'the upload is empty');
  if (result.kind === 'aborted') return fail(400, `the upload did not complete: ${result.message}`);
  const row: SampleRow = {
    id: result.sampleId,
    case_id: found.value.id,
    original_name: name,
    size: result.size,
    sha256: result.sha256,
    sealed_path: result.path,
    uploaded_by: p.username,
    uploaded_at: new Date(),
  };
  await ctx.cases.addSample(row);
  await ctx.audit.append({
    actor: p.actor,
    action: 'sample.upload',
    target: row.id,
    detail: { case: row.case_id, name, size: row.size, sha256: row.sha256 },
  });
  return ok(row);
}

export async function startRun(
  ctx: ServerContext,
  p: Principal,
  caseId: string | undefined,
  sampleId: unknown,
): Promise<Outcome<RunRow>> {
  const found = await findCase(ctx, caseId);
  if (!found.ok) return found;
  const sample = typeof sampleId === 'string' && isId(sampleId) ? await ctx.cases.getSample(sampleId) : null;
  if (!sample || sample.case_id !== found.value.id) return fail(404, 'no such sample in this case');
  const kase = found.value;
  const settings = { claimedRows: kase.claimed_rows, defaultRegion: kase.default_region };
  const run = await ctx.cases.createRun(kase.id, sample.id, settings, p.username);
  await ctx.audit.append({
    actor: p.actor,
    action: 'run.start',
    target: run.id,
    detail: { case: kase.id, sample: sample.id },
  });
  ctx.jobs.enqueue(run.id);
  return ok(run);
}

export async function setExposurePublic(
  ctx: ServerContext,
  p: Principal,
  caseId: string | undefined,
  value: boolean,
): Promise<Outcome<CaseRow>> {
  const found = await findCase(ctx, caseId);
  if (!found.ok) return found;
  await ctx.cases.setExposurePublic(found.value.id, value);
  await ctx.audit.append({
    actor: p.actor,
    action: value ? 'exposure.publish' : 'exposure.unpublish',
    target: found.value.id,
  });
  await ctx.refreshExposure();
  return ok({ ...found.value, exposure_public: value });
}

/** Records that someone read or downloaded something (reports, the audit log). */
export async function noteAccess(
  ctx: ServerContext,
  p: Principal,
  action: string,
  target: string,
  detail?: object,
): Promise<void> {
  await ctx.audit.append({
    actor: p.actor,
    action,
    target,
    ...(detail ? { detail: detail as Record<string, unknown> } : {}),
  });
}
