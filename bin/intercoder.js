#!/usr/bin/env node
// The intercoder command: runs the built CLI (npm install builds dist/ through `prepare`).
import { main } from "../dist/cli/main.js";

await main(process.argv.slice(2));
