import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native / server-only packages stay outside the bundle.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "@node-rs/argon2",
    "undici",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // Next's own body limit for server actions; the gateway enforces its own limit.
  experimental: { serverActions: { bodySizeLimit: "4mb" } },
};

export default nextConfig;
