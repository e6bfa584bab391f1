/** heck-style case conversions (as Golem's templates use them), typed for direct calls. */
import { CASE_FILTERS } from '../app/case.js';

const filter = (name: string) => CASE_FILTERS[name]!;

export const toSnake = filter('to_snake_case');
export const toCamel = filter('to_lower_camel_case');
export const toPascal = filter('to_pascal_case');
export const toTitle = filter('to_title_case');
