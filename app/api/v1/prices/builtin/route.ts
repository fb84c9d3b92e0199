import { apiRoute } from "@/lib/api/route";
import { builtinPrices } from "@/lib/usage/price-service";

export const GET = apiRoute({}, () => builtinPrices());
