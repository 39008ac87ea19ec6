import { setAside, type QuarantinedRecord } from './quarantine';
import { checkRecord, type RecordSchema } from './record-schemas';

/**
 * A meta record stored under its own id (projects, chats): typed when it passes `schema` and its
 * id matches the key, else set aside and read as missing, so one bad record hides nothing else.
 */
export async function checkedMeta<T extends { id: string }>(
	schema: RecordSchema,
	where: Pick<QuarantinedRecord, 'kind' | 'store'>,
	key: IDBValidKey,
	value: unknown
): Promise<T | undefined> {
	if (value === undefined) return undefined;
	const checked = checkRecord<T>(schema, value);
	if (checked.ok && checked.value.id === key) return checked.value;
	const reason = checked.ok ? 'id: does not match the key it is stored under' : checked.reason;
	await setAside({ ...where, key, value, reason });
	return undefined;
}
