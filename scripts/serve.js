// npm start — the production server (adapter-node) with Vakmaat's defaults:
// uploads of qualification exports (20 MB) and evidence files need more than
// adapter-node's default 512 KB request body. Override with BODY_SIZE_LIMIT.
process.env.BODY_SIZE_LIMIT ??= '25M';
await import('../build/index.js');
