export namespace app {
	
	export enum Event {
	    CallRejected = "call:rejected",
	    EnvelopeChanged = "envelope:changed",
	    EnvelopeFailed = "envelope:failed",
	    EnvelopeProgress = "envelope:progress",
	    EnvelopeSent = "envelope:sent",
	    LeadNew = "lead:new",
	}
	export class ErrorPayload {
	    code: string;
	    field?: string;
	    data?: Record<string, any>;
	    problems?: ErrorPayload[];
	
	    static createFrom(source: any = {}) {
	        return new ErrorPayload(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.field = source["field"];
	        this.data = source["data"];
	        this.problems = this.convertValues(source["problems"], ErrorPayload);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SystemInfo {
	    version: string;
	    dataDir: string;
	    logsDir: string;
	    databasePath: string;
	    schemaVersion: number;
	    platform: string;
	    startupError?: ErrorPayload;
	    startupWarnings?: ErrorPayload[];
	
	    static createFrom(source: any = {}) {
	        return new SystemInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.dataDir = source["dataDir"];
	        this.logsDir = source["logsDir"];
	        this.databasePath = source["databasePath"];
	        this.schemaVersion = source["schemaVersion"];
	        this.platform = source["platform"];
	        this.startupError = this.convertValues(source["startupError"], ErrorPayload);
	        this.startupWarnings = this.convertValues(source["startupWarnings"], ErrorPayload);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class UpdateInfo {
	    feedUrl: string;
	    result?: updates.Result;
	
	    static createFrom(source: any = {}) {
	        return new UpdateInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.feedUrl = source["feedUrl"];
	        this.result = this.convertValues(source["result"], updates.Result);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class UploadTarget {
	    url: string;
	    filesUrl: string;
	    secret: string;
	    maxBytes: number;
	
	    static createFrom(source: any = {}) {
	        return new UploadTarget(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.url = source["url"];
	        this.filesUrl = source["filesUrl"];
	        this.secret = source["secret"];
	        this.maxBytes = source["maxBytes"];
	    }
	}

}

export namespace board {
	
	export class Counts {
	    em_andamento: number;
	    finalizado: number;
	    cancelado: number;
	    vencido: number;
	    recusado: number;
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new Counts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.em_andamento = source["em_andamento"];
	        this.finalizado = source["finalizado"];
	        this.cancelado = source["cancelado"];
	        this.vencido = source["vencido"];
	        this.recusado = source["recusado"];
	        this.total = source["total"];
	    }
	}
	export class Filter {
	    developmentId: number;
	    brokerId: number;
	    from: string;
	    to: string;
	
	    static createFrom(source: any = {}) {
	        return new Filter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.developmentId = source["developmentId"];
	        this.brokerId = source["brokerId"];
	        this.from = source["from"];
	        this.to = source["to"];
	    }
	}
	export class MissingSigner {
	    name: string;
	    waiting: boolean;
	    // Go type: time
	    since: any;
	
	    static createFrom(source: any = {}) {
	        return new MissingSigner(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.waiting = source["waiting"];
	        this.since = this.convertValues(source["since"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Option {
	    id: number;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new Option(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class Options {
	    developments: Option[];
	    brokers: Option[];
	
	    static createFrom(source: any = {}) {
	        return new Options(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.developments = this.convertValues(source["developments"], Option);
	        this.brokers = this.convertValues(source["brokers"], Option);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Refusal {
	    signerName: string;
	    reason: string;
	    // Go type: time
	    at: any;
	
	    static createFrom(source: any = {}) {
	        return new Refusal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.signerName = source["signerName"];
	        this.reason = source["reason"];
	        this.at = this.convertValues(source["at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Row {
	    envelopeId: string;
	    reservationId: number;
	    clientName: string;
	    developmentName: string;
	    blockName: string;
	    unitNumber: string;
	    brokerName: string;
	    envelopeName: string;
	    state: string;
	    // Go type: time
	    sentAt: any;
	    // Go type: time
	    deadlineAt: any;
	    daysLeft: number;
	    missing: MissingSigner[];
	    refusal?: Refusal;
	
	    static createFrom(source: any = {}) {
	        return new Row(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.envelopeId = source["envelopeId"];
	        this.reservationId = source["reservationId"];
	        this.clientName = source["clientName"];
	        this.developmentName = source["developmentName"];
	        this.blockName = source["blockName"];
	        this.unitNumber = source["unitNumber"];
	        this.brokerName = source["brokerName"];
	        this.envelopeName = source["envelopeName"];
	        this.state = source["state"];
	        this.sentAt = this.convertValues(source["sentAt"], null);
	        this.deadlineAt = this.convertValues(source["deadlineAt"], null);
	        this.daysLeft = source["daysLeft"];
	        this.missing = this.convertValues(source["missing"], MissingSigner);
	        this.refusal = this.convertValues(source["refusal"], Refusal);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Summary {
	    counts: Counts;
	    any: boolean;
	    waiting: Row[];
	    expiringSoon: Row[];
	    refusals: Row[];
	    // Go type: time
	    at: any;
	
	    static createFrom(source: any = {}) {
	        return new Summary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.counts = this.convertValues(source["counts"], Counts);
	        this.any = source["any"];
	        this.waiting = this.convertValues(source["waiting"], Row);
	        this.expiringSoon = this.convertValues(source["expiringSoon"], Row);
	        this.refusals = this.convertValues(source["refusals"], Row);
	        this.at = this.convertValues(source["at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace crm {
	
	export class Associate {
	    kind: string;
	    name: string;
	    cpf: string;
	    email: string;
	    phone1: string;
	    phone2: string;
	    birthDate: string;
	    address: string;
	
	    static createFrom(source: any = {}) {
	        return new Associate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.name = source["name"];
	        this.cpf = source["cpf"];
	        this.email = source["email"];
	        this.phone1 = source["phone1"];
	        this.phone2 = source["phone2"];
	        this.birthDate = source["birthDate"];
	        this.address = source["address"];
	    }
	}
	export class Unit {
	    id: number;
	    blockId: number;
	    number: string;
	    floor: number;
	    areaCm2: number;
	    priceCents: number;
	    status: string;
	
	    static createFrom(source: any = {}) {
	        return new Unit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.blockId = source["blockId"];
	        this.number = source["number"];
	        this.floor = source["floor"];
	        this.areaCm2 = source["areaCm2"];
	        this.priceCents = source["priceCents"];
	        this.status = source["status"];
	    }
	}
	export class Block {
	    id: number;
	    name: string;
	    units: Unit[];
	
	    static createFrom(source: any = {}) {
	        return new Block(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.units = this.convertValues(source["units"], Unit);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Broker {
	    id: number;
	    name: string;
	    role: string;
	
	    static createFrom(source: any = {}) {
	        return new Broker(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.role = source["role"];
	    }
	}
	export class BulkUnitsInput {
	    blockId: number;
	    floorFrom: string;
	    floorTo: string;
	    unitsPerFloor: string;
	    area: string;
	    price: string;
	
	    static createFrom(source: any = {}) {
	        return new BulkUnitsInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.blockId = source["blockId"];
	        this.floorFrom = source["floorFrom"];
	        this.floorTo = source["floorTo"];
	        this.unitsPerFloor = source["unitsPerFloor"];
	        this.area = source["area"];
	        this.price = source["price"];
	    }
	}
	export class Contract {
	    id: number;
	    reservationId: number;
	    kind: string;
	    associationId: number;
	    templateId: number;
	    name: string;
	    fileName: string;
	    pages: number;
	    size: number;
	    sha256: string;
	    position: number;
	    state: string;
	    endedEnvelopeId: string;
	    endedAs: string;
	    sentAgain: boolean;
	    // Go type: time
	    createdAt: any;
	
	    static createFrom(source: any = {}) {
	        return new Contract(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.reservationId = source["reservationId"];
	        this.kind = source["kind"];
	        this.associationId = source["associationId"];
	        this.templateId = source["templateId"];
	        this.name = source["name"];
	        this.fileName = source["fileName"];
	        this.pages = source["pages"];
	        this.size = source["size"];
	        this.sha256 = source["sha256"];
	        this.position = source["position"];
	        this.state = source["state"];
	        this.endedEnvelopeId = source["endedEnvelopeId"];
	        this.endedAs = source["endedAs"];
	        this.sentAgain = source["sentAgain"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TemplateField {
	    name: string;
	    type: string;
	    page: number;
	    mark: string;
	    dataKey: string;
	
	    static createFrom(source: any = {}) {
	        return new TemplateField(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.type = source["type"];
	        this.page = source["page"];
	        this.mark = source["mark"];
	        this.dataKey = source["dataKey"];
	    }
	}
	export class ContractTemplate {
	    id: number;
	    name: string;
	    fileName: string;
	    pages: number;
	    size: number;
	    sha256: string;
	    fields: TemplateField[];
	    markCount: number;
	    markAnnotations: number;
	    matchedCount: number;
	    signed: boolean;
	    usedBy: string[];
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	
	    static createFrom(source: any = {}) {
	        return new ContractTemplate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.fileName = source["fileName"];
	        this.pages = source["pages"];
	        this.size = source["size"];
	        this.sha256 = source["sha256"];
	        this.fields = this.convertValues(source["fields"], TemplateField);
	        this.markCount = source["markCount"];
	        this.markAnnotations = source["markAnnotations"];
	        this.matchedCount = source["matchedCount"];
	        this.signed = source["signed"];
	        this.usedBy = source["usedBy"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DataKey {
	    key: string;
	    label: string;
	    group: string;
	    aliases: string[];
	
	    static createFrom(source: any = {}) {
	        return new DataKey(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.group = source["group"];
	        this.aliases = source["aliases"];
	    }
	}
	export class Stage {
	    id: number;
	    name: string;
	    blocks: Block[];
	
	    static createFrom(source: any = {}) {
	        return new Stage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.blocks = this.convertValues(source["blocks"], Block);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Development {
	    id: number;
	    name: string;
	    city: string;
	    state: string;
	    integrated: boolean;
	    provider: string;
	    integrationId: number;
	    integrationName: string;
	    archived: boolean;
	    stages: Stage[];
	    unitCounts: Record<string, number>;
	    // Go type: time
	    createdAt: any;
	
	    static createFrom(source: any = {}) {
	        return new Development(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.city = source["city"];
	        this.state = source["state"];
	        this.integrated = source["integrated"];
	        this.provider = source["provider"];
	        this.integrationId = source["integrationId"];
	        this.integrationName = source["integrationName"];
	        this.archived = source["archived"];
	        this.stages = this.convertValues(source["stages"], Stage);
	        this.unitCounts = source["unitCounts"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DevelopmentInput {
	    id: number;
	    name: string;
	    city: string;
	    state: string;
	
	    static createFrom(source: any = {}) {
	        return new DevelopmentInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.city = source["city"];
	        this.state = source["state"];
	    }
	}
	export class DevelopmentSettings {
	    id: number;
	    integrated: boolean;
	    integrationId: number;
	
	    static createFrom(source: any = {}) {
	        return new DevelopmentSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.integrated = source["integrated"];
	        this.integrationId = source["integrationId"];
	    }
	}
	export class TimelineEntry {
	    name: string;
	    signer: string;
	    reason: string;
	    // Go type: time
	    at: any;
	
	    static createFrom(source: any = {}) {
	        return new TimelineEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.signer = source["signer"];
	        this.reason = source["reason"];
	        this.at = this.convertValues(source["at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SignerView {
	    id: string;
	    name: string;
	    position: number;
	    group: number;
	    state: string;
	    types: string[];
	    delivery: string;
	    auth: string;
	    // Go type: time
	    at: any;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new SignerView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.position = source["position"];
	        this.group = source["group"];
	        this.state = source["state"];
	        this.types = source["types"];
	        this.delivery = source["delivery"];
	        this.auth = source["auth"];
	        this.at = this.convertValues(source["at"], null);
	        this.reason = source["reason"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EnvelopeView {
	    id: string;
	    reservationId: number;
	    operationId: number;
	    name: string;
	    status: string;
	    state: string;
	    contractIds: number[];
	    // Go type: time
	    deadlineAt: any;
	    daysLeft: number;
	    simulator: boolean;
	    missing: boolean;
	    hasSigned: boolean;
	    // Go type: time
	    syncedAt: any;
	    signers: SignerView[];
	    timeline: TimelineEntry[];
	
	    static createFrom(source: any = {}) {
	        return new EnvelopeView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.reservationId = source["reservationId"];
	        this.operationId = source["operationId"];
	        this.name = source["name"];
	        this.status = source["status"];
	        this.state = source["state"];
	        this.contractIds = source["contractIds"];
	        this.deadlineAt = this.convertValues(source["deadlineAt"], null);
	        this.daysLeft = source["daysLeft"];
	        this.simulator = source["simulator"];
	        this.missing = source["missing"];
	        this.hasSigned = source["hasSigned"];
	        this.syncedAt = this.convertValues(source["syncedAt"], null);
	        this.signers = this.convertValues(source["signers"], SignerView);
	        this.timeline = this.convertValues(source["timeline"], TimelineEntry);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Integration {
	    id: number;
	    description: string;
	    provider: string;
	    environment: string;
	    tokenLast4: string;
	    hasToken: boolean;
	    deadlineDays: number;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    usedBy: string[];
	
	    static createFrom(source: any = {}) {
	        return new Integration(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.description = source["description"];
	        this.provider = source["provider"];
	        this.environment = source["environment"];
	        this.tokenLast4 = source["tokenLast4"];
	        this.hasToken = source["hasToken"];
	        this.deadlineDays = source["deadlineDays"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.usedBy = source["usedBy"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class IntegrationInput {
	    id: number;
	    description: string;
	    environment: string;
	    token: string;
	    deadlineDays: string;
	
	    static createFrom(source: any = {}) {
	        return new IntegrationInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.description = source["description"];
	        this.environment = source["environment"];
	        this.token = source["token"];
	        this.deadlineDays = source["deadlineDays"];
	    }
	}
	export class Person {
	    name: string;
	    cpf: string;
	    email: string;
	    phone1: string;
	    phone2: string;
	    birthDate: string;
	    address: string;
	
	    static createFrom(source: any = {}) {
	        return new Person(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.cpf = source["cpf"];
	        this.email = source["email"];
	        this.phone1 = source["phone1"];
	        this.phone2 = source["phone2"];
	        this.birthDate = source["birthDate"];
	        this.address = source["address"];
	    }
	}
	export class Reservation {
	    id: number;
	    unitId: number;
	    unitNumber: string;
	    blockName: string;
	    stageName: string;
	    developmentId: number;
	    developmentName: string;
	    brokerId: number;
	    brokerName: string;
	    priceCents: number;
	    status: string;
	    holder: Person;
	    associates: Associate[];
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	
	    static createFrom(source: any = {}) {
	        return new Reservation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.unitId = source["unitId"];
	        this.unitNumber = source["unitNumber"];
	        this.blockName = source["blockName"];
	        this.stageName = source["stageName"];
	        this.developmentId = source["developmentId"];
	        this.developmentName = source["developmentName"];
	        this.brokerId = source["brokerId"];
	        this.brokerName = source["brokerName"];
	        this.priceCents = source["priceCents"];
	        this.status = source["status"];
	        this.holder = this.convertValues(source["holder"], Person);
	        this.associates = this.convertValues(source["associates"], Associate);
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReservationFilter {
	    developmentId: number;
	    status: string;
	    brokerId: number;
	    search: string;
	    limit: number;
	    offset: number;
	
	    static createFrom(source: any = {}) {
	        return new ReservationFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.developmentId = source["developmentId"];
	        this.status = source["status"];
	        this.brokerId = source["brokerId"];
	        this.search = source["search"];
	        this.limit = source["limit"];
	        this.offset = source["offset"];
	    }
	}
	export class ReservationInput {
	    id: number;
	    unitId: number;
	    brokerId: number;
	    price: string;
	    status: string;
	    holder: Person;
	    associates: Associate[];
	
	    static createFrom(source: any = {}) {
	        return new ReservationInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.unitId = source["unitId"];
	        this.brokerId = source["brokerId"];
	        this.price = source["price"];
	        this.status = source["status"];
	        this.holder = this.convertValues(source["holder"], Person);
	        this.associates = this.convertValues(source["associates"], Associate);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReservationSummary {
	    id: number;
	    developmentName: string;
	    blockName: string;
	    unitNumber: string;
	    holderName: string;
	    holderCpf: string;
	    brokerName: string;
	    priceCents: number;
	    status: string;
	    // Go type: time
	    createdAt: any;
	
	    static createFrom(source: any = {}) {
	        return new ReservationSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.developmentName = source["developmentName"];
	        this.blockName = source["blockName"];
	        this.unitNumber = source["unitNumber"];
	        this.holderName = source["holderName"];
	        this.holderCpf = source["holderCpf"];
	        this.brokerName = source["brokerName"];
	        this.priceCents = source["priceCents"];
	        this.status = source["status"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReservationPage {
	    items: ReservationSummary[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new ReservationPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], ReservationSummary);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ResolvedSigner {
	    key: string;
	    sendOrder: number;
	    signerType: string;
	    name: string;
	    email: string;
	    phone: string;
	    cpf: string;
	    evidence: string;
	    signatureKind: string;
	    delivery: string;
	    reminder: string;
	    auth: string;
	    types: string[];
	
	    static createFrom(source: any = {}) {
	        return new ResolvedSigner(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.sendOrder = source["sendOrder"];
	        this.signerType = source["signerType"];
	        this.name = source["name"];
	        this.email = source["email"];
	        this.phone = source["phone"];
	        this.cpf = source["cpf"];
	        this.evidence = source["evidence"];
	        this.signatureKind = source["signatureKind"];
	        this.delivery = source["delivery"];
	        this.reminder = source["reminder"];
	        this.auth = source["auth"];
	        this.types = source["types"];
	    }
	}
	export class SignerRule {
	    sendOrder: number;
	    signerType: string;
	    name: string;
	    email: string;
	    phone: string;
	    cpf: string;
	    evidence: string;
	    signatureKind: string;
	    delivery: string;
	    reminder: string;
	    auth: string;
	
	    static createFrom(source: any = {}) {
	        return new SignerRule(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sendOrder = source["sendOrder"];
	        this.signerType = source["signerType"];
	        this.name = source["name"];
	        this.email = source["email"];
	        this.phone = source["phone"];
	        this.cpf = source["cpf"];
	        this.evidence = source["evidence"];
	        this.signatureKind = source["signatureKind"];
	        this.delivery = source["delivery"];
	        this.reminder = source["reminder"];
	        this.auth = source["auth"];
	    }
	}
	
	
	
	
	
	export class UnitInput {
	    id: number;
	    blockId: number;
	    number: string;
	    floor: string;
	    area: string;
	    price: string;
	    status: string;
	
	    static createFrom(source: any = {}) {
	        return new UnitInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.blockId = source["blockId"];
	        this.number = source["number"];
	        this.floor = source["floor"];
	        this.area = source["area"];
	        this.price = source["price"];
	        this.status = source["status"];
	    }
	}
	export class UnitOption {
	    id: number;
	    number: string;
	    floor: number;
	    blockName: string;
	    stageName: string;
	    priceCents: number;
	
	    static createFrom(source: any = {}) {
	        return new UnitOption(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.number = source["number"];
	        this.floor = source["floor"];
	        this.blockName = source["blockName"];
	        this.stageName = source["stageName"];
	        this.priceCents = source["priceCents"];
	    }
	}
	export class User {
	    id: number;
	    name: string;
	    email: string;
	    role: string;
	    active: boolean;
	    activeTokens: number;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    // Go type: time
	    deactivatedAt?: any;
	
	    static createFrom(source: any = {}) {
	        return new User(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.email = source["email"];
	        this.role = source["role"];
	        this.active = source["active"];
	        this.activeTokens = source["activeTokens"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.deactivatedAt = this.convertValues(source["deactivatedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class UserInput {
	    id: number;
	    name: string;
	    email: string;
	    role: string;
	
	    static createFrom(source: any = {}) {
	        return new UserInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.email = source["email"];
	        this.role = source["role"];
	    }
	}
	export class UserToken {
	    id: number;
	    userId: number;
	    name: string;
	    last4: string;
	    active: boolean;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    revokedAt?: any;
	
	    static createFrom(source: any = {}) {
	        return new UserToken(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.userId = source["userId"];
	        this.name = source["name"];
	        this.last4 = source["last4"];
	        this.active = source["active"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.revokedAt = this.convertValues(source["revokedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace demo {
	
	export class Status {
	    loaded: boolean;
	    canLoad: boolean;
	    canRemove: boolean;
	    blocked: string;
	    data: Record<string, any>;
	
	    static createFrom(source: any = {}) {
	        return new Status(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.loaded = source["loaded"];
	        this.canLoad = source["canLoad"];
	        this.canRemove = source["canRemove"];
	        this.blocked = source["blocked"];
	        this.data = source["data"];
	    }
	}
	export class Step {
	    key: string;
	    done: boolean;
	    developmentId: number;
	
	    static createFrom(source: any = {}) {
	        return new Step(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.done = source["done"];
	        this.developmentId = source["developmentId"];
	    }
	}

}

export namespace leads {
	
	export class Attribution {
	    utmSource: string;
	    utmMedium: string;
	    utmCampaign: string;
	    utmContent: string;
	    utmTerm: string;
	    pageUrl: string;
	    pageTitle: string;
	
	    static createFrom(source: any = {}) {
	        return new Attribution(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.utmSource = source["utmSource"];
	        this.utmMedium = source["utmMedium"];
	        this.utmCampaign = source["utmCampaign"];
	        this.utmContent = source["utmContent"];
	        this.utmTerm = source["utmTerm"];
	        this.pageUrl = source["pageUrl"];
	        this.pageTitle = source["pageTitle"];
	    }
	}
	export class Contact {
	    email: string;
	    phone: string;
	
	    static createFrom(source: any = {}) {
	        return new Contact(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.email = source["email"];
	        this.phone = source["phone"];
	    }
	}
	export class Message {
	    id: number;
	    chatId: string;
	    // Go type: time
	    at: any;
	    author: string;
	    agentName: string;
	    text: string;
	
	    static createFrom(source: any = {}) {
	        return new Message(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.chatId = source["chatId"];
	        this.at = this.convertValues(source["at"], null);
	        this.author = source["author"];
	        this.agentName = source["agentName"];
	        this.text = source["text"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Geo {
	    city: string;
	    region: string;
	    regionCode: string;
	    country: string;
	    countryCode: string;
	
	    static createFrom(source: any = {}) {
	        return new Geo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.city = source["city"];
	        this.region = source["region"];
	        this.regionCode = source["regionCode"];
	        this.country = source["country"];
	        this.countryCode = source["countryCode"];
	    }
	}
	export class Detail {
	    id: string;
	    name: string;
	    email: string;
	    phone: string;
	    stage: string;
	    origin: string;
	    agentName: string;
	    hasContact: boolean;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    lastActivityAt: any;
	    lastMessage: string;
	    lastMessageAuthor: string;
	    // Go type: time
	    lastMessageAt?: any;
	    messageCount: number;
	    visitorId: string;
	    clientId: string;
	    widgetId: string;
	    department: string;
	    organization: string;
	    clientStatus: string;
	    tags: string[];
	    attribution: Attribution;
	    geo: Geo;
	    // Go type: time
	    updatedAt: any;
	    messages: Message[];
	
	    static createFrom(source: any = {}) {
	        return new Detail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.email = source["email"];
	        this.phone = source["phone"];
	        this.stage = source["stage"];
	        this.origin = source["origin"];
	        this.agentName = source["agentName"];
	        this.hasContact = source["hasContact"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.lastActivityAt = this.convertValues(source["lastActivityAt"], null);
	        this.lastMessage = source["lastMessage"];
	        this.lastMessageAuthor = source["lastMessageAuthor"];
	        this.lastMessageAt = this.convertValues(source["lastMessageAt"], null);
	        this.messageCount = source["messageCount"];
	        this.visitorId = source["visitorId"];
	        this.clientId = source["clientId"];
	        this.widgetId = source["widgetId"];
	        this.department = source["department"];
	        this.organization = source["organization"];
	        this.clientStatus = source["clientStatus"];
	        this.tags = source["tags"];
	        this.attribution = this.convertValues(source["attribution"], Attribution);
	        this.geo = this.convertValues(source["geo"], Geo);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.messages = this.convertValues(source["messages"], Message);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Filter {
	    search: string;
	    stage: string;
	    origin: string;
	    withoutContact: boolean;
	    limit: number;
	    offset: number;
	
	    static createFrom(source: any = {}) {
	        return new Filter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.search = source["search"];
	        this.stage = source["stage"];
	        this.origin = source["origin"];
	        this.withoutContact = source["withoutContact"];
	        this.limit = source["limit"];
	        this.offset = source["offset"];
	    }
	}
	
	export class IntegrationConfig {
	    userId: number;
	    tokenId: number;
	    publicBaseUrl: string;
	    listenHost: string;
	    listenPort: number;
	    configured: boolean;
	
	    static createFrom(source: any = {}) {
	        return new IntegrationConfig(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.userId = source["userId"];
	        this.tokenId = source["tokenId"];
	        this.publicBaseUrl = source["publicBaseUrl"];
	        this.listenHost = source["listenHost"];
	        this.listenPort = source["listenPort"];
	        this.configured = source["configured"];
	    }
	}
	export class IntegrationURL {
	    publicUrl: string;
	    localUrl: string;
	    userId: number;
	    userName: string;
	    tokenId: number;
	    tokenName: string;
	    tokenLast4: string;
	
	    static createFrom(source: any = {}) {
	        return new IntegrationURL(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.publicUrl = source["publicUrl"];
	        this.localUrl = source["localUrl"];
	        this.userId = source["userId"];
	        this.userName = source["userName"];
	        this.tokenId = source["tokenId"];
	        this.tokenName = source["tokenName"];
	        this.tokenLast4 = source["tokenLast4"];
	    }
	}
	export class ListenerStatus {
	    configured: boolean;
	    running: boolean;
	    address: string;
	    // Go type: time
	    startedAt?: any;
	    // Go type: time
	    lastEventAt?: any;
	    eventsAccepted: number;
	    eventsRejected: number;
	    rawEvents: number;
	    leads: number;
	    problem?: string;
	
	    static createFrom(source: any = {}) {
	        return new ListenerStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.configured = source["configured"];
	        this.running = source["running"];
	        this.address = source["address"];
	        this.startedAt = this.convertValues(source["startedAt"], null);
	        this.lastEventAt = this.convertValues(source["lastEventAt"], null);
	        this.eventsAccepted = source["eventsAccepted"];
	        this.eventsRejected = source["eventsRejected"];
	        this.rawEvents = source["rawEvents"];
	        this.leads = source["leads"];
	        this.problem = source["problem"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Summary {
	    id: string;
	    name: string;
	    email: string;
	    phone: string;
	    stage: string;
	    origin: string;
	    agentName: string;
	    hasContact: boolean;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    lastActivityAt: any;
	    lastMessage: string;
	    lastMessageAuthor: string;
	    // Go type: time
	    lastMessageAt?: any;
	    messageCount: number;
	
	    static createFrom(source: any = {}) {
	        return new Summary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.email = source["email"];
	        this.phone = source["phone"];
	        this.stage = source["stage"];
	        this.origin = source["origin"];
	        this.agentName = source["agentName"];
	        this.hasContact = source["hasContact"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.lastActivityAt = this.convertValues(source["lastActivityAt"], null);
	        this.lastMessage = source["lastMessage"];
	        this.lastMessageAuthor = source["lastMessageAuthor"];
	        this.lastMessageAt = this.convertValues(source["lastMessageAt"], null);
	        this.messageCount = source["messageCount"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Page {
	    items: Summary[];
	    total: number;
	    limit: number;
	    offset: number;
	
	    static createFrom(source: any = {}) {
	        return new Page(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Summary);
	        this.total = source["total"];
	        this.limit = source["limit"];
	        this.offset = source["offset"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace legal {
	
	export class RulePreview {
	    compromises: signing.Compromise[];
	
	    static createFrom(source: any = {}) {
	        return new RulePreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.compromises = this.convertValues(source["compromises"], signing.Compromise);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ScopeItem {
	    id: number;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new ScopeItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.label = source["label"];
	    }
	}
	export class Association {
	    id: number;
	    developmentId: number;
	    templateId: number;
	    templateName: string;
	    scope: string;
	    scopeItems: ScopeItem[];
	    position: number;
	    rules: crm.SignerRule[];
	    previews: RulePreview[];
	
	    static createFrom(source: any = {}) {
	        return new Association(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.developmentId = source["developmentId"];
	        this.templateId = source["templateId"];
	        this.templateName = source["templateName"];
	        this.scope = source["scope"];
	        this.scopeItems = this.convertValues(source["scopeItems"], ScopeItem);
	        this.position = source["position"];
	        this.rules = this.convertValues(source["rules"], crm.SignerRule);
	        this.previews = this.convertValues(source["previews"], RulePreview);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class Template {
	    id: number;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new Template(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}

}

export namespace signing {
	
	export class Compromise {
	    code: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new Compromise(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.message = source["message"];
	    }
	}
	export class ResendResult {
	    notified: string[];
	
	    static createFrom(source: any = {}) {
	        return new ResendResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.notified = source["notified"];
	    }
	}
	export class SendSigner {
	    position: number;
	    signer: crm.ResolvedSigner;
	    signerId: string;
	    attempted: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SendSigner(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.position = source["position"];
	        this.signer = this.convertValues(source["signer"], crm.ResolvedSigner);
	        this.signerId = source["signerId"];
	        this.attempted = source["attempted"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SendOperation {
	    id: number;
	    key: string;
	    reservationId: number;
	    integrationId: number;
	    contractIds: number[];
	    name: string;
	    remoteName: string;
	    filename: string;
	    status: string;
	    step: string;
	    envelopeId: string;
	    documentId: string;
	    // Go type: time
	    deadlineAt: any;
	    errorCode: string;
	    errorData: Record<string, any>;
	    signers: SendSigner[];
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    done: number;
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new SendOperation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.key = source["key"];
	        this.reservationId = source["reservationId"];
	        this.integrationId = source["integrationId"];
	        this.contractIds = source["contractIds"];
	        this.name = source["name"];
	        this.remoteName = source["remoteName"];
	        this.filename = source["filename"];
	        this.status = source["status"];
	        this.step = source["step"];
	        this.envelopeId = source["envelopeId"];
	        this.documentId = source["documentId"];
	        this.deadlineAt = this.convertValues(source["deadlineAt"], null);
	        this.errorCode = source["errorCode"];
	        this.errorData = source["errorData"];
	        this.signers = this.convertValues(source["signers"], SendSigner);
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.done = source["done"];
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class WebhookStatus {
	    integrationId: number;
	    environment: string;
	    enabled: boolean;
	    mode: string;
	    endpoint: string;
	    path: string;
	    localUrl: string;
	    listenerRunning: boolean;
	    // Go type: time
	    enabledAt?: any;
	    // Go type: time
	    lastDeliveryAt?: any;
	    problem?: string;
	    remoteLeft?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new WebhookStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.integrationId = source["integrationId"];
	        this.environment = source["environment"];
	        this.enabled = source["enabled"];
	        this.mode = source["mode"];
	        this.endpoint = source["endpoint"];
	        this.path = source["path"];
	        this.localUrl = source["localUrl"];
	        this.listenerRunning = source["listenerRunning"];
	        this.enabledAt = this.convertValues(source["enabledAt"], null);
	        this.lastDeliveryAt = this.convertValues(source["lastDeliveryAt"], null);
	        this.problem = source["problem"];
	        this.remoteLeft = source["remoteLeft"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace simulator {
	
	export class SignerView {
	    id: string;
	    name: string;
	    group: number;
	    state: string;
	    refusable: boolean;
	    // Go type: time
	    signedAt?: any;
	    refusalReason?: string;
	
	    static createFrom(source: any = {}) {
	        return new SignerView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.group = source["group"];
	        this.state = source["state"];
	        this.refusable = source["refusable"];
	        this.signedAt = this.convertValues(source["signedAt"], null);
	        this.refusalReason = source["refusalReason"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EnvelopeView {
	    id: string;
	    name: string;
	    status: string;
	    // Go type: time
	    deadlineAt: any;
	    // Go type: time
	    created: any;
	    signers: SignerView[];
	
	    static createFrom(source: any = {}) {
	        return new EnvelopeView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.status = source["status"];
	        this.deadlineAt = this.convertValues(source["deadlineAt"], null);
	        this.created = this.convertValues(source["created"], null);
	        this.signers = this.convertValues(source["signers"], SignerView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace templates {
	
	export class Staged {
	    id: string;
	    fileName: string;
	    size: number;
	
	    static createFrom(source: any = {}) {
	        return new Staged(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.fileName = source["fileName"];
	        this.size = source["size"];
	    }
	}

}

export namespace updates {
	
	export class Result {
	    available: boolean;
	    current: string;
	    latest: string;
	    date: string;
	    url: string;
	    sha256: string;
	    notes: string;
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.available = source["available"];
	        this.current = source["current"];
	        this.latest = source["latest"];
	        this.date = source["date"];
	        this.url = source["url"];
	        this.sha256 = source["sha256"];
	        this.notes = source["notes"];
	    }
	}

}

export namespace users {
	
	export class GeneratedToken {
	    token: crm.UserToken;
	    plain: string;
	
	    static createFrom(source: any = {}) {
	        return new GeneratedToken(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.token = this.convertValues(source["token"], crm.UserToken);
	        this.plain = source["plain"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

