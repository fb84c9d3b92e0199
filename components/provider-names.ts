import { PROVIDER_NAMES } from "@/lib/providers/names";
import { PROVIDERS } from "@/lib/providers/types";

export { providerName } from "@/lib/providers/names";

export const PROVIDER_OPTIONS = PROVIDERS.map((id) => ({ id, name: PROVIDER_NAMES[id] }));
