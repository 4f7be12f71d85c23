import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { lexicalEmbedding } from '../../../generator/transcripts/lexical-embedding.ts';

/**
 * A loopback server that speaks the Chat Completions structured-output
 * protocol (POST /v1/chat/completions with `response_format: json_schema`)
 * and the embeddings API (POST /v1/embeddings),
 * for driving the real `openai` SDK in tests and benchmarks. Like the real API
 * it refuses a response format that strict mode would not accept, and reads
 * image inputs (user content parts `image_url` with a base64 `data:` URL; any
 * other image reference is refused with 400). Each
 * request is answered by a handler (default: the model "answers" with the
 * reference draft from the prompt, unchanged).
 */
export interface ChatRequest {
  n: number;
  at: number;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    response_format: { type: string; json_schema: { name: string; strict: boolean; schema: JsonSchema } };
    temperature?: number;
  };
  /** The section type (the response format's name). */
  section: string;
  /** The FACTS and REFERENCE data blocks of the prompt, parsed. */
  facts: Record<string, unknown>;
  reference: Record<string, unknown>;
  /** 1 for the first request of this conversation, 2 after one feedback message… */
  attempt: number;
  /**
   * Images sent with the request (user content parts), decoded: their media
   * type and bytes. A message's text parts are joined into its `content`.
   */
  images: { mime: string; bytes: Buffer; detail: string | undefined }[];
}

type ContentPart = { type: string; text?: string; image_url?: { url: string; detail?: string } };

export type Reply =
  | { answer: unknown }
  | { status: number; headers?: Record<string, string>; error?: string }
  | { refusal: string }
  | { hang: true };

export interface LoopbackOpenAi {
  url: string;
  requests: ChatRequest[];
  /** POST /v1/embeddings requests: the model and inputs asked for. */
  embeddingRequests: { model: string; input: string[]; dimensions?: number }[];
  /** Requests per section type. */
  count(section?: string): number;
  close(): Promise<void>;
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  [k: string]: unknown;
};

/**
 * The default model: answers with the reference draft; asked to replace copy
 * (a REJECTED block) or told that a sentence is already used elsewhere on the
 * site, it rewords the headline or that field (as a model would).
 */
export const echoReference = (r: ChatRequest): Reply => {
  const answer = structuredClone(r.reference);
  if (dataBlock(r.body.messages[1]?.content ?? '', 'REJECTED')) {
    for (const key of ['headline', 'heading'])
      if (typeof answer[key] === 'string') answer[key] = `In short: ${answer[key]}`;
  }
  const feedback = r.attempt > 1 ? (r.body.messages.at(-1)?.content ?? '') : '';
  for (const m of feedback.matchAll(/^- ([\w.]+): the sentence .* is already used elsewhere/gm)) {
    const path = m[1]!.split('.');
    let node = answer as Record<string, unknown>;
    for (const p of path.slice(0, -1)) node = node[p] as Record<string, unknown>;
    const last = path.at(-1)!;
    if (typeof node[last] === 'string') node[last] = `In short: ${node[last]}`;
  }
  return { answer };
};

export async function startLoopbackOpenAi(
  handler: (r: ChatRequest) => Reply | Promise<Reply> = echoReference,
  options: {
    /** The vector /v1/embeddings answers for one input (default: the offline lexical embedding). */
    embed?: (input: string, dimensions: number) => number[];
  } = {},
): Promise<LoopbackOpenAi> {
  const requests: ChatRequest[] = [];
  const embeddingRequests: LoopbackOpenAi['embeddingRequests'] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    if (req.method === 'POST' && req.url?.endsWith('/embeddings')) {
      if (!/^Bearer \S+/.test(req.headers.authorization ?? ''))
        return send(res, 401, error('Missing API key', 'invalid_request_error'));
      const body = JSON.parse(await read(req)) as {
        model: string;
        input: string | string[];
        dimensions?: number;
      };
      const input = Array.isArray(body.input) ? body.input : [body.input];
      embeddingRequests.push({
        model: body.model,
        input,
        ...(body.dimensions ? { dimensions: body.dimensions } : {}),
      });
      const dimensions = body.dimensions ?? 1536;
      const embed = options.embed ?? ((text: string, d: number) => lexicalEmbedding(text, d));
      return send(res, 200, {
        object: 'list',
        model: body.model,
        data: input.map((text, index) => ({
          object: 'embedding',
          index,
          embedding: embed(text, dimensions),
        })),
        usage: { prompt_tokens: input.join(' ').length / 4, total_tokens: input.join(' ').length / 4 },
      });
    }
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions'))
      return send(res, 404, error('Unknown route', 'invalid_request_error'));
    if (!/^Bearer \S+/.test(req.headers.authorization ?? ''))
      return send(res, 401, error('Missing API key', 'invalid_request_error'));
    const body = JSON.parse(await read(req)) as ChatRequest['body'];
    const images: ChatRequest['images'] = [];
    for (const m of Array.isArray(body.messages) ? body.messages : []) {
      if (!Array.isArray(m.content)) continue;
      const parts = m.content as ContentPart[];
      for (const part of parts.filter((p) => p.type === 'image_url')) {
        const data = /^data:(image\/(?:jpeg|png|webp|gif));base64,([A-Za-z0-9+/=]+)$/.exec(
          part.image_url?.url ?? '',
        );
        if (!data || m.role !== 'user')
          return send(
            res,
            400,
            error('Invalid image: a user message may carry a base64 data URL', 'invalid_request_error'),
          );
        images.push({
          mime: data[1]!,
          bytes: Buffer.from(data[2]!, 'base64'),
          detail: part.image_url?.detail,
        });
      }
      m.content = parts
        .filter((p) => p.type === 'text')
        .map((p) => p.text ?? '')
        .join('\n');
    }
    const strictProblem =
      body.response_format?.type === 'json_schema'
        ? strictSchemaProblem(body.response_format.json_schema.schema, '')
        : 'response_format must be json_schema';
    if (!body.model || !Array.isArray(body.messages) || strictProblem)
      return send(
        res,
        400,
        error(
          `Invalid schema for response_format: ${strictProblem ?? 'bad request'}`,
          'invalid_request_error',
        ),
      );
    const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
    const request: ChatRequest = {
      n: requests.length + 1,
      at: Date.now(),
      body,
      section: body.response_format.json_schema.name,
      facts: dataBlock(user, 'FACTS') as Record<string, unknown>,
      reference: dataBlock(user, 'REFERENCE') as Record<string, unknown>,
      attempt: body.messages.filter((m) => m.role === 'assistant').length + 1,
      images,
    };
    requests.push(request);
    const reply = await handler(request);
    if ('hang' in reply) return; // never answers; the socket is destroyed on close()
    if ('status' in reply)
      return send(
        res,
        reply.status,
        error(reply.error ?? `status ${reply.status}`, 'server_error'),
        reply.headers,
      );
    const content =
      'answer' in reply
        ? typeof reply.answer === 'string'
          ? reply.answer
          : JSON.stringify(reply.answer)
        : null;
    const prompt = Math.ceil(body.messages.reduce((n, m) => n + m.content.length, 0) / 4);
    const completion = Math.ceil((content ?? '').length / 4);
    send(res, 200, {
      id: `chatcmpl-loopback-${request.n}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: 'refusal' in reply ? reply.refusal : null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    embeddingRequests,
    count: (section) => requests.filter((r) => !section || r.section === section).length,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** The JSON of a `<<<DATA marker NAME` … `<<<END marker NAME` block of a prompt. */
export function dataBlock(prompt: string, name: string): unknown {
  const m = new RegExp(`<<<DATA (\\w+) ${name}\\n([\\s\\S]*?)\\n<<<END \\1 ${name}`).exec(prompt);
  return m ? JSON.parse(m[2]!) : null;
}

/** Why strict structured outputs would refuse this schema (every object closed, every property required), or null. */
export function strictSchemaProblem(schema: JsonSchema, path: string): string | null {
  if (schema.anyOf) {
    for (const [i, s] of schema.anyOf.entries()) {
      const p = strictSchemaProblem(s, `${path}/anyOf/${i}`);
      if (p) return p;
    }
    return null;
  }
  if (schema.type === 'object') {
    if (schema.additionalProperties !== false) return `${path || '/'}: additionalProperties must be false`;
    const keys = Object.keys(schema.properties ?? {});
    const required = new Set(schema.required ?? []);
    const optional = keys.filter((k) => !required.has(k));
    if (optional.length)
      return `${path || '/'}: every property must be required (missing ${optional.join(', ')})`;
    for (const k of keys) {
      const p = strictSchemaProblem(schema.properties![k]!, `${path}/properties/${k}`);
      if (p) return p;
    }
  }
  if (schema.type === 'array' && schema.items) return strictSchemaProblem(schema.items, `${path}/items`);
  return null;
}

function error(message: string, type: string) {
  return { error: { message, type, param: null, code: null } };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
